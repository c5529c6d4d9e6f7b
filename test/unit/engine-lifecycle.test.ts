import { describe, expect, it } from "vitest";
import { codes, rig } from "../helpers/engine-on-sim";
import { liveRegistrations } from "../../sim/events";
import { MailConsole } from "../../src/console";
import { oneLan } from "../../sim/scenarios/classroom";

describe("engine: lifecycle", () => {
  it("main adds one menu item and opens the panel; the menu item brings it back after a close", () => {
    const r = rig();
    expect(r.world.app.menu.items.map((i) => i.label)).toEqual(["Mail Console"]);
    expect(r.world.webViewManager.views).toHaveLength(1);
    expect(r.world.webViewManager.views[0].url).toBe("this-sm:panel.html");
    r.world.webViewManager.views[0].close();
    expect(r.world.webViewManager.views).toHaveLength(0);
    r.world.app.menu.items[0].click();
    expect(r.world.webViewManager.views).toHaveLength(1);
    r.world.app.menu.items[0].click(); // open already: raised, not duplicated
    expect(r.world.webViewManager.views).toHaveLength(1);
  });

  it("cleanUp leaves no handler, timer or menu item; main after cleanUp starts clean with no duplicates", () => {
    const before = liveRegistrations.count;
    const r = rig();
    expect(liveRegistrations.count).toBeGreaterThan(before);
    r.app.stop();
    expect(liveRegistrations.count).toBe(before);
    expect(r.clock.pending).toBe(0);
    expect(r.world.app.menu.items).toHaveLength(0);
    expect(r.world.webViewManager.views).toHaveLength(0);

    const again = new MailConsole(r.world.host());
    again.start();
    again.stop();
    again.start();
    expect(r.world.app.menu.items).toHaveLength(1);
    expect(r.world.device("PC-Alice")!.email!.smtp.listeners("mailSent")).toBe(1);
    const alice = again.registry.findByName("PC-Alice")!;
    again.handle({ type: "send", device: alice.key, from: "alice@alpha.edu", password: "alice123", server: "mail.alpha.edu", mails: [{ to: "carol@alpha.edu", subject: "s", body: "b" }] });
    r.clock.advance(5000);
    expect(again.log.all()).toHaveLength(1);
    expect(codes(again.log.all()[0])).toEqual([1, 2]);
    again.stop();
    expect(liveRegistrations.count).toBe(before);
  });

  it("an exception thrown inside PT's API during an event never escapes the handler", () => {
    const r = rig();
    const alice = r.world.device("PC-Alice")!;
    // PT's getEmailUser throws (a half-deleted device, say) while a mailSent arrives.
    alice.email!.getEmailUser = () => { throw new Error("Invalid arguments for IPC call \"getEmailUser\""); };
    const origin = r.app.log.add;
    r.app.log.add = () => { throw new Error("boom inside the engine"); };
    expect(() => alice.email!.smtp.emit("mailSent", { dest: "x@y.z", subject: "s", body: "b", responseType: 2 })).not.toThrow();
    r.app.log.add = origin;
    expect(r.app.errors.join("\n")).toMatch(/boom inside the engine/);
    expect(() => r.clock.advance(10000)).not.toThrow(); // the rescan meets the throwing getter too
  });

  it("every request handler answers {ok:false} instead of throwing", () => {
    const r = rig();
    expect(r.app.handle({ type: "nope" } as never)).toMatchObject({ ok: false, error: expect.stringMatching(/Unknown request type/) });
    expect(r.app.handle(null as never)).toMatchObject({ ok: false });
    r.world.files.writePlainTextToFile = () => { throw new Error("disk full"); };
    expect(r.app.handle({ type: "save", format: "csv", text: "a,b" })).toMatchObject({ ok: false, error: expect.stringMatching(/disk full/) });
  });

  it("settings and compose presets survive a restart through $putData", () => {
    const r = rig();
    r.request({ type: "settings", settings: { cap: 1234 } });
    r.request({ type: "preset", device: "PC-Alice", preset: { server: "10.1.0.10" } });
    r.app.stop();
    const next = new MailConsole(r.world.host());
    next.start();
    const hello = next.handle({ type: "hello" });
    expect(hello).toMatchObject({ ok: true, settings: { cap: 1234 }, presets: { "PC-Alice": { server: "10.1.0.10" } } });
    expect(typeof r.world.data["org.ptmail.console/settings"]).toBe("string");
  });
});

describe("engine: the device registry follows the topology", () => {
  it("lists every device with an email client, not routers, switches or the power device", () => {
    const r = rig();
    expect(r.app.deviceInfo().map((d) => d.name).sort()).toEqual(
      ["DNS-SRV", "Laptop-Dave", "MAIL-ALPHA", "MAIL-BETA", "PC-Alice", "PC-Bob", "PC-Carol", "PC-Erin", "PC-Teacher"],
    );
    const alice = r.app.deviceInfo().filter((d) => d.name === "PC-Alice")[0];
    expect(alice).toMatchObject({ mailId: "alice@alpha.edu", user: "alice", smtpServer: "mail.alpha.edu", powered: true });
  });

  it("sees devices added, renamed and deleted mid-run, with a mail in flight", () => {
    const r = rig();
    r.send("PC-Alice", ["carol@alpha.edu", "dave@alpha.edu"]);
    r.world.addDevice({ name: "PC-New", kind: "pc", ip: "10.1.0.60", gateway: "10.1.0.1", dns: "10.1.0.5",
      email: { mailId: "new@alpha.edu", user: "new", password: "x", smtp: "mail.alpha.edu" } });
    expect(r.app.registry.findByName("PC-New")).not.toBeNull();
    r.world.device("PC-Alice")!.setName("PC-Alicia");
    expect(r.app.registry.findByName("PC-Alicia")).not.toBeNull();
    expect(r.mails().map((m) => m.device)).toEqual(["PC-Alicia", "PC-Alicia"]);
    r.world.removeDevice("PC-Alicia");
    expect(r.app.registry.findByName("PC-Alicia")).toBeNull();
    expect(r.mails().map((m) => m.state)).toEqual(["failed", "failed"]);
    expect(r.mails()[0].reason).toMatch(/deleted/);
    r.clock.advance(20000);
    expect(r.mails().every((m) => m.state === "failed")).toBe(true);
  });

  it("a device powered off mid-send fails its mails with the reason", () => {
    const r = rig();
    r.send("PC-Alice", ["carol@alpha.edu"]);
    r.world.device("PC-Alice")!.setPower(false);
    expect(r.byTo("carol@alpha.edu")).toMatchObject({ state: "failed", reason: expect.stringMatching(/powered off/) });
    expect(r.request({ type: "send", device: r.deviceKey("PC-Alice"), from: "alice@alpha.edu", password: "", server: "1.1.1.1", mails: [{ to: "a@b.c", subject: "", body: "" }] }))
      .toMatchObject({ ok: false, field: "device", error: expect.stringMatching(/powered off/) });
  });

  it("opening another file replaces the device list", () => {
    const r = rig();
    r.send("PC-Alice", ["carol@alpha.edu"]);
    r.world.openFile(oneLan());
    expect(r.app.deviceInfo().map((d) => d.name).sort()).toEqual(["PC-Ann", "PC-Ben", "SRV-MAIL"]);
    expect(r.byTo("carol@alpha.edu").state).toBe("failed");
    const res = r.send("PC-Ann", ["ben@school.lab"]);
    expect(res.ok).toBe(true);
    r.clock.advance(5000);
    expect(r.byTo("ben@school.lab").state).toBe("delivered");
  });

  it("File > New empties the device list, and devices added to the new file appear", () => {
    const r = rig();
    r.world.newFile();
    expect(r.app.deviceInfo()).toEqual([]);
    r.world.addDevice({ name: "PC0", kind: "pc", ip: "192.168.0.2", email: { mailId: "a@b.c", user: "a", password: "", smtp: "1.2.3.4" } });
    expect(r.app.deviceInfo().map((d) => d.name)).toEqual(["PC0"]);
  });

  it("the periodic rescan catches a device whose events never came", () => {
    const r = rig();
    const d = r.world.device("PC-Carol")!;
    d.name = "PC-Caroline"; // renamed without a nameChanged event
    r.clock.advance(5000);
    expect(r.app.registry.findByName("PC-Caroline")).not.toBeNull();
    d.email = null; // its EmailClient disappears
    r.clock.advance(5000);
    expect(r.app.registry.findByName("PC-Caroline")).toBeNull();
  });
});
