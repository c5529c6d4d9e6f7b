// Issue 14, the classes about devices, privileges and handlers: what a
// harsher Packet Tracer does to the registry and the engine's start and stop.
import { describe, expect, it } from "vitest";
import { SimDevice, type SimEmailClient, SimSmtpClient } from "../../sim/device";
import { oneLan } from "../../sim/scenarios/classroom";
import { Engine } from "../../src/engine";
import { type Rig, rig } from "../helpers/engine-on-sim";

const names = (r: Rig) => (r.everything().devices || []).map((d) => d.name).sort();

/** PT may hand a new JS wrapper for the same native object on every call: same uuid, new identity. */
function freshWrappers(d: SimDevice): void {
  const real = d.getProcess.bind(d);
  d.getProcess = ((name: string) => {
    const p = real(name);
    if (!p || name !== "EmailClient") return p;
    const email = p as SimEmailClient;
    return {
      getEmailUser: () => email.getEmailUser(),
      getSmtpClient: () => wrap(email.smtp),
    };
  }) as SimDevice["getProcess"];
}

function wrap(smtp: SimSmtpClient) {
  return {
    sendMail: (...a: Parameters<SimSmtpClient["sendMail"]>) => smtp.sendMail(...a),
    cancelSend: () => smtp.cancelSend(),
    registerEvent: (...a: Parameters<SimSmtpClient["registerEvent"]>) => smtp.registerEvent(...a),
    unregisterEvent: (...a: Parameters<SimSmtpClient["unregisterEvent"]>) => smtp.unregisterEvent(...a),
    getObjectUuid: () => smtp.getObjectUuid(),
  };
}

describe("reliability: devices are who PT says they are (issue 14, classes 3 and 7)", () => {
  it("a new wrapper per call is the same SmtpClient: one handler, and the mail in flight goes on", () => {
    const r = rig();
    freshWrappers(r.world.device("PC-Alice")!);
    r.clock.advance(3000); // a rescan meets the first new wrapper
    r.send("PC-Alice", ["carol@alpha.edu"]);
    r.clock.advance(150);
    r.clock.advance(9000); // three more rescans while it is in flight
    expect(r.world.device("PC-Alice")!.email!.smtp.listeners("mailSent")).toBe(1);
    expect(r.byTo("carol@alpha.edu").state).toBe("delivered");
  });

  it("one IPC call that throws during a rescan does not make a device gone", () => {
    const r = rig();
    r.send("PC-Carol", ["alice@alpha.edu"]);
    const net = r.world.network as { getDeviceAt(i: number): unknown };
    const real = net.getDeviceAt.bind(net);
    net.getDeviceAt = (i: number) => {
      const d = real(i) as SimDevice | null;
      if (d && d.name === "PC-Carol") throw new Error('IPC call "getDeviceAt" failed');
      return d;
    };
    r.clock.advance(10000); // three rescans, each missing PC-Carol through an error
    expect(names(r)).toContain("PC-Carol");
    expect(r.byTo("alice@alpha.edu").state).toBe("delivered");
  });

  it("deviceRemoving is matched by deviceUuid, not by a name another device now has", () => {
    const r = rig();
    const bob = r.world.device("PC-Bob")!;
    r.world.app.workspace.logical.emit("deviceRemoving", { name: "PC-Alice", deviceUuid: bob.uuid });
    expect(names(r)).toContain("PC-Alice");
    expect(names(r)).not.toContain("PC-Bob");
  });

  it("a mailSent subscription PT refused once is made again by the rescan", () => {
    const r = rig();
    const proto = SimSmtpClient.prototype;
    const real = proto.registerEvent;
    let refusals = 1;
    proto.registerEvent = function (this: SimSmtpClient, ...a: Parameters<typeof real>) {
      if (a[0] === "mailSent" && refusals-- > 0) throw new Error("registerEvent refused");
      return real.apply(this, a);
    };
    try {
      r.world.addDevice({
        name: "PC-Shy",
        kind: "pc",
        ip: "10.1.0.81",
        gateway: "10.1.0.1",
        dns: "10.1.0.5",
        email: { mailId: "alice@alpha.edu", user: "alice", password: "alice123", smtp: "mail.alpha.edu" },
      });
    } finally {
      proto.registerEvent = real;
    }
    const smtp = r.world.device("PC-Shy")!.email!.smtp;
    expect(smtp.listeners("mailSent")).toBe(0);
    r.clock.advance(3000);
    expect(smtp.listeners("mailSent")).toBe(1);
    smtp.emit("mailSent", { dest: "carol@alpha.edu", subject: "From the app", body: "", responseType: 2 });
    expect(r.byTo("carol@alpha.edu")).toMatchObject({ device: "PC-Shy", state: "delivered" });
  });

  it("adding 300 devices one by one reads each once, not the whole network each time", () => {
    const r = rig();
    const proto = SimDevice.prototype;
    const real = proto.getProcess;
    let calls = 0;
    proto.getProcess = function (this: SimDevice, name: string) {
      calls++;
      return real.call(this, name);
    } as SimDevice["getProcess"];
    try {
      for (let i = 0; i < 300; i++) r.world.addDevice({ name: `PC${i}`, kind: "pc", ip: `10.3.${i >> 8}.${i & 255}` });
    } finally {
      proto.getProcess = real;
    }
    expect(names(r)).toHaveLength(9 + 300);
    expect(calls).toBe(300); // deviceAddCalls: one EmailClient read per device added (a full scan each was ~46,000)
  });
});

describe("reliability: one denied privilege costs one facility (issue 14, class 4)", () => {
  it("with AppWindow refused, the devices are still read, the panel still opens, and it says what to grant", () => {
    const r = rig();
    r.engine.stop();
    r.world.ipc.appWindow = () => {
      throw new Error('IPC call "appWindow" denied');
    };
    const engine = new Engine(r.world.host());
    engine.start();
    const opened = engine.request({ type: "openPanel" });
    if (!opened.ok) throw new Error(opened.error);
    expect((opened.value.devices || []).map((d) => d.name)).toContain("PC-Alice");
    expect(r.world.webViewManager.views).toHaveLength(1);
    const unavailable = opened.value.status.unavailable || [];
    expect(unavailable.join("\n")).toMatch(
      /The Extensions menu item is unavailable .*Grant the "Change GUI" privilege/,
    );
    expect(unavailable.join("\n")).toMatch(/Following File > Open .*"Get Network Info"/);
    engine.stop();
  });
});

describe("reliability: released handlers and closed files (issue 14, classes 10 and 11)", () => {
  it("a handler PT failed to release does nothing once the engine has stopped", () => {
    const r = rig();
    const smtp = r.world.device("PC-Alice")!.email!.smtp;
    smtp.unregisterEvent = () => {
      throw new Error("unregisterEvent failed");
    };
    r.engine.stop();
    const before = r.mails().length;
    smtp.emit("mailSent", { dest: "x@alpha.edu", subject: "after stop", body: "", responseType: 2 });
    expect(r.mails()).toHaveLength(before);
    expect(smtp.listeners("mailSent")).toBe(1); // still registered in PT, and inert
  });

  it("the closed file's workspace is released at fileClosing, before the next file opens", () => {
    const r = rig();
    const old = r.world.app.workspace.logical;
    let listenersAtClosing = -1;
    r.world.app.registerEvent("fileClosing", null, () => {
      listenersAtClosing = old.listeners("deviceAdded");
    });
    r.world.openFile(oneLan());
    expect(listenersAtClosing).toBe(0);
    expect(r.world.app.workspace.logical.listeners("deviceAdded")).toBe(1);
  });

  it("a workspace that could not be watched at start is watched by the next rescan", () => {
    const r = rig();
    r.engine.stop();
    const ws = r.world.app.workspace;
    const real = ws.getLogicalWorkspace.bind(ws);
    let fail = true;
    ws.getLogicalWorkspace = () => {
      if (fail) throw new Error("not yet");
      return real();
    };
    const engine = new Engine(r.world.host());
    engine.start();
    expect(ws.logical.listeners("deviceAdded")).toBe(0);
    fail = false;
    r.clock.advance(3000);
    expect(ws.logical.listeners("deviceAdded")).toBe(1);
    engine.stop();
  });
});

describe("reliability: small gaps (issue 14, class 14)", () => {
  it("a device key such as constructor or toString is just an unknown device", () => {
    const r = rig();
    for (const device of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(r.request({ type: "cancelSend", device })).toMatchObject({ ok: false, field: "device" });
      expect(r.request({ type: "readDevice", device })).toMatchObject({ ok: false, field: "device" });
    }
  });

  it("a web view PT answers as undefined once closed can be opened again from the menu", () => {
    const r = rig();
    const wvm = r.world.webViewManager;
    const real = wvm.getWebView.bind(wvm);
    wvm.getWebView = (id: string) => real(id) || (undefined as never);
    wvm.views[0].close();
    r.world.app.menu.items[0].click();
    expect(wvm.views).toHaveLength(1);
  });

  it("a draft nested a million deep or megabytes long is stored as bounded text", () => {
    const r = rig();
    let deep: unknown = "x";
    for (let i = 0; i < 100000; i++) deep = [deep];
    const draft = { device: deep, to: "a".repeat(5_000_000), subject: { toString: () => "no" }, body: "b" };
    // As an object, the way $se may hand it over (JSON text that deep would not even parse).
    expect(r.engine.handle({ type: "saveDraft", draft }).ok).toBe(true);
    const kept = r.ok({ type: "openPanel" }).draft;
    expect(kept).toEqual({ device: "", to: "a".repeat(20000), subject: "", body: "b" });
  });

  it("where pushes never arrive, a failed push is reported once per window, not once per push", () => {
    const r = rig();
    r.ok({ type: "openPanel" });
    r.world.webViewManager.views[0].evaluateJavaScriptAsync = () => {
      throw new Error("no push path");
    };
    for (let i = 0; i < 10; i++) {
      r.send("PC-Alice", [`u${i}@alpha.edu`]);
      r.clock.advance(200);
    }
    expect(r.logs.filter((l) => /evaluateJavaScriptAsync/.test(l))).toHaveLength(1);
  });
});
