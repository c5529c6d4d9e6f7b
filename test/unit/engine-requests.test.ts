// The requests the panel's compose form and log rely on, beyond sending.
import { describe, expect, it } from "vitest";
import { oneLan } from "../../sim/scenarios/classroom";
import { rig } from "../helpers/engine-on-sim";

describe("engine: what the panel asks for", () => {
  it("a class send is one group: every mail of one compose carries the first one's id", () => {
    const r = rig();
    const first = r.ok({
      type: "sendMail",
      device: r.deviceKey("PC-Teacher"),
      from: "teacher@alpha.edu",
      password: "teach123",
      server: "mail.alpha.edu",
      mails: ["alice", "carol", "dave"].map((u) => ({ to: `${u}@alpha.edu`, subject: "Lab 4", body: "" })),
    });
    const second = r.ok({
      type: "sendMail",
      device: r.deviceKey("PC-Teacher"),
      from: "teacher@alpha.edu",
      password: "teach123",
      server: "mail.alpha.edu",
      mails: [{ to: "bob@beta.org", subject: "Alone", body: "" }],
    });
    expect(r.mails().map((m) => [m.to, m.group])).toEqual([
      ["alice@alpha.edu", first.ids[0]],
      ["carol@alpha.edu", first.ids[0]],
      ["dave@alpha.edu", first.ids[0]],
      ["bob@beta.org", second.ids[0]],
    ]);
  });

  it("counts every mail sent since the last clear, also those the cap dropped", () => {
    const r = rig();
    r.ok({ type: "saveSettings", settings: { cap: 10 } });
    const smtp = r.world.device("PC-Carol")!.email!.smtp;
    for (let i = 0; i < 25; i++)
      smtp.emit("mailSent", { dest: `u${i}@alpha.edu`, subject: "", body: "", responseType: 2 });
    expect(r.everything()).toMatchObject({ sent: 25, dropped: 15 });
    expect(r.mails()).toHaveLength(10);
    r.ok({ type: "clearLog" });
    expect(r.everything()).toMatchObject({ sent: 0, dropped: 0 });
  });

  it("marks each mail with the file that was open when it was queued", () => {
    const r = rig();
    r.send("PC-Alice", ["carol@alpha.edu"]);
    const before = r.everything().file;
    r.world.openFile(oneLan());
    r.send("PC-Ann", ["ben@school.lab"]);
    expect(r.everything().file).toBe(before + 1);
    expect(r.mails().map((m) => [m.to, m.file])).toEqual([
      ["carol@alpha.edu", before],
      ["ben@school.lab", before + 1],
    ]);
    r.world.newFile();
    expect(r.everything().file).toBe(before + 2);
  });

  it("reads a device's Email settings when asked, not at the next rescan", () => {
    const r = rig();
    const key = r.deviceKey("PC-Alice");
    r.world.device("PC-Alice")!.email!.user.setSmtpServer("10.1.0.10"); // changed in PT, no event
    expect(r.ok({ type: "readDevice", device: key })).toMatchObject({ name: "PC-Alice", smtpServer: "10.1.0.10" });
    expect(r.request({ type: "readDevice", device: "gone" })).toMatchObject({ ok: false, field: "device" });
  });

  it("keeps the draft for a panel that reopens, and forgets it on request", () => {
    const r = rig();
    const draft = { device: r.deviceKey("PC-Alice"), to: "bob@beta.org", subject: "Half", body: "written" };
    r.ok({ type: "saveDraft", draft });
    r.world.webViewManager.views[0].close();
    r.world.app.menu.items[0].click();
    expect(r.ok({ type: "openPanel" }).draft).toEqual(draft);
    r.ok({ type: "saveDraft", draft: null });
    expect(r.ok({ type: "openPanel" }).draft).toBeNull();
    expect(r.request({ type: "saveDraft", draft: 5 as never })).toMatchObject({ ok: false });
  });
});
