import { describe, expect, it } from "vitest";
import { liveRegistrations } from "../../sim/events";
import { oneLan } from "../../sim/scenarios/classroom";
import { Engine } from "../../src/engine";
import { codes, type Rig, rig } from "../helpers/engine-on-sim";

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
    r.engine.stop();
    expect(liveRegistrations.count).toBe(before);
    expect(r.clock.pending).toBe(0);
    expect(r.world.app.menu.items).toHaveLength(0);
    expect(r.world.webViewManager.views).toHaveLength(0);

    const again = new Engine(r.world.host());
    again.start();
    again.stop();
    again.start();
    expect(r.world.app.menu.items).toHaveLength(1);
    expect(r.world.device("PC-Alice")!.email!.smtp.listeners("mailSent")).toBe(1);
    const opened = again.handle({ type: "openPanel" });
    const alice =
      opened.ok && "devices" in opened.value
        ? (opened.value.devices || []).filter((d) => d.name === "PC-Alice")[0]
        : null;
    expect(alice).toBeTruthy();
    again.handle({
      type: "sendMail",
      device: alice!.key,
      from: "alice@alpha.edu",
      password: "alice123",
      server: "mail.alpha.edu",
      mails: [{ to: "carol@alpha.edu", subject: "s", body: "b" }],
    });
    r.clock.advance(5000);
    const after = again.handle({ type: "changesSince", seq: 0, epoch: 0 });
    const mails = after.ok && "mails" in after.value ? after.value.mails : [];
    expect(mails).toHaveLength(1);
    expect(codes(mails[0])).toEqual([1, 2]);
    again.stop();
    expect(liveRegistrations.count).toBe(before);
  });

  it("an exception thrown inside PT's API during an event never escapes the handler", () => {
    const r = rig();
    const alice = r.world.device("PC-Alice")!;
    // PT's getEmailUser throws (a half-deleted device, say) while a mailSent arrives.
    alice.email!.getEmailUser = () => {
      throw new Error('Invalid arguments for IPC call "getEmailUser"');
    };
    const args = { dest: "x@y.z", subject: "s", body: "b" };
    Object.defineProperty(args, "responseType", {
      enumerable: true,
      get: () => {
        throw new Error("boom inside the engine");
      },
    });
    expect(() => alice.email!.smtp.emit("mailSent", args)).not.toThrow();
    expect(r.logs.join("\n")).toMatch(/mailSent handler: boom inside the engine/);
    expect(() => r.clock.advance(10000)).not.toThrow(); // the rescan meets the throwing getter too
  });

  it("every request handler answers {ok:false} instead of throwing", () => {
    const r = rig();
    expect(r.engine.handle({ type: "nope" })).toEqual({ ok: false, error: "Unknown request type: nope" });
    expect(r.engine.handle(null)).toEqual({ ok: false, error: "A request must be an object with a type." });
    expect(r.engine.handle({ type: 7 })).toEqual({ ok: false, error: "A request must be an object with a type." });
    r.world.files.writePlainTextToFile = () => {
      throw new Error("disk full");
    };
    expect(r.request({ type: "saveLog", format: "csv", text: "a,b" })).toEqual({
      ok: false,
      error: "The engine failed on this request: disk full",
    });
    expect(r.logs.join("\n")).toMatch(/request saveLog: disk full/);
  });

  it("settings and the last account a device sent with survive a restart through $putData, without the password", () => {
    const r = rig();
    r.ok({ type: "saveSettings", settings: { cap: 1234 } });
    r.send("PC-Alice", ["carol@alpha.edu"], { server: "10.1.0.10", password: "not-saved" });
    r.engine.stop();
    const next = new Engine(r.world.host());
    next.start();
    expect(next.handle({ type: "openPanel" })).toMatchObject({
      ok: true,
      value: { settings: { cap: 1234 }, presets: { "PC-Alice": { from: "alice@alpha.edu", server: "10.1.0.10" } } },
    });
    expect(r.world.data["org.ptmail.console/presets"]).not.toMatch(/not-saved/);
    next.stop();
  });
});

describe("engine: the device registry follows the topology", () => {
  it("lists every device with an email client, not routers, switches or the power device", () => {
    const r = rig();
    expect(deviceNames(r)).toEqual([
      "DNS-SRV",
      "Laptop-Dave",
      "MAIL-ALPHA",
      "MAIL-BETA",
      "PC-Alice",
      "PC-Bob",
      "PC-Carol",
      "PC-Erin",
      "PC-Teacher",
    ]);
    const alice = (r.everything().devices || []).filter((d) => d.name === "PC-Alice")[0];
    expect(alice).toMatchObject({
      mailId: "alice@alpha.edu",
      user: "alice",
      smtpServer: "mail.alpha.edu",
      powered: true,
    });
  });

  it("sees devices added, renamed and deleted mid-run, with a mail in flight", () => {
    const r = rig();
    r.send("PC-Alice", ["carol@alpha.edu", "dave@alpha.edu"]);
    r.world.addDevice({
      name: "PC-New",
      kind: "pc",
      ip: "10.1.0.60",
      gateway: "10.1.0.1",
      dns: "10.1.0.5",
      email: { mailId: "new@alpha.edu", user: "new", password: "x", smtp: "mail.alpha.edu" },
    });
    expect(deviceNames(r)).toContain("PC-New");
    r.world.device("PC-Alice")!.setName("PC-Alicia");
    expect(deviceNames(r)).toContain("PC-Alicia");
    expect(r.mails().map((m) => m.device)).toEqual(["PC-Alicia", "PC-Alicia"]);
    r.world.removeDevice("PC-Alicia");
    expect(deviceNames(r)).not.toContain("PC-Alicia");
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
    expect(
      r.request({
        type: "sendMail",
        device: r.deviceKey("PC-Alice"),
        from: "alice@alpha.edu",
        password: "",
        server: "1.1.1.1",
        mails: [{ to: "a@b.c", subject: "", body: "" }],
      }),
    ).toMatchObject({ ok: false, field: "device", error: expect.stringMatching(/powered off/) });
  });

  it("opening another file replaces the device list", () => {
    const r = rig();
    r.send("PC-Alice", ["carol@alpha.edu"]);
    r.world.openFile(oneLan());
    expect(deviceNames(r)).toEqual(["PC-Ann", "PC-Ben", "SRV-MAIL"]);
    expect(r.byTo("carol@alpha.edu").state).toBe("failed");
    const res = r.send("PC-Ann", ["ben@school.lab"]);
    expect(res.ok).toBe(true);
    r.clock.advance(5000);
    expect(r.byTo("ben@school.lab").state).toBe("delivered");
  });

  it("File > New empties the device list, and devices added to the new file appear", () => {
    const r = rig();
    r.world.newFile();
    expect(deviceNames(r)).toEqual([]);
    r.world.addDevice({
      name: "PC0",
      kind: "pc",
      ip: "192.168.0.2",
      email: { mailId: "a@b.c", user: "a", password: "", smtp: "1.2.3.4" },
    });
    expect(deviceNames(r)).toEqual(["PC0"]);
  });

  it("the periodic rescan catches a device whose events never came", () => {
    const r = rig();
    const d = r.world.device("PC-Carol")!;
    d.name = "PC-Caroline"; // renamed without a nameChanged event
    r.clock.advance(5000);
    expect(deviceNames(r)).toContain("PC-Caroline");
    d.email = null; // its EmailClient disappears
    r.clock.advance(5000);
    expect(deviceNames(r)).not.toContain("PC-Caroline");
  });
});

function deviceNames(r: Rig): string[] {
  return (r.everything().devices || []).map((d) => d.name).sort();
}
