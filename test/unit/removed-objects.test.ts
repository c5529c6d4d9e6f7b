// Objects PT destroys (issue 23): a deleted device, and every object of a file
// that closes. The engine lets go of them at their removal event (deviceRemoving,
// fileClosing) and never calls into them afterwards, on a simulator made strict
// about it by test/qjs/scripts/strict-removal.js (the same text the Qt hosts run).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { liveRegistrations } from "../../sim/events";
import { oneLan } from "../../sim/scenarios/classroom";
import type { World } from "../../sim/world";
import { type Rig, rig } from "../helpers/engine-on-sim";

interface Strict {
  calls: string[];
  restore(): void;
}
const strictAboutRemoval = new Function(
  `${readFileSync(resolve(__dirname, "../qjs/scripts/strict-removal.js"), "utf8")}\nreturn strictAboutRemoval;`,
)() as (world: World) => Strict;

let strict: Strict | null = null;
let registeredBefore = 0;
afterEach(() => {
  strict?.restore();
  strict = null;
});

/** The classroom with one mail ended: the lab has been read and every device, port and the workspace watched. */
function afterOneMail(): Rig {
  registeredBefore = liveRegistrations.count;
  const r = rig();
  strict = strictAboutRemoval(r.world);
  r.send("PC-Alice", ["carol@alpha.edu"]);
  r.clock.advance(5000);
  expect(r.byTo("carol@alpha.edu").state).toBe("delivered");
  // Only the lab listens to a router: the read watched it.
  expect(r.world.device("R1")!.listeners("powerChanged")).toBe(1);
  return r;
}

/** Every kind of request that reads the lab: Check, the Lab check, and a mail that ends. */
function readTheLab(r: Rig, device: string, to: string): void {
  const d = r.world.device(device)!.email!.user;
  r.ok({
    type: "predict",
    device: r.deviceKey(device),
    from: d.mailId,
    password: d.password,
    server: d.smtpServer,
    to: [to],
  });
  r.ok({ type: "labCheck" });
  r.send(device, [to]);
  r.clock.advance(5000);
}

describe("objects PT destroys", () => {
  it("a PC deleted after a mail ended: released at deviceRemoving, never called afterwards", () => {
    const r = afterOneMail();
    const bob = r.world.device("PC-Bob")!;
    let atRemoving = -1;
    r.world.app.workspace.logical.registerEvent("deviceRemoving", null, () => {
      atRemoving = bob.listeners("powerChanged") + bob.listeners("nameChanged");
    });
    r.world.removeDevice("PC-Bob");
    expect(atRemoving).toBe(0); // the engine's handlers ran first (registered first) and let go of it
    readTheLab(r, "PC-Erin", "alice@alpha.edu");
    expect(strict!.calls).toEqual([]);
    expect(r.byTo("alice@alpha.edu").state).toBe("delivered");
    // The devices that remain are watched again by the next read.
    expect(r.world.device("R1")!.listeners("powerChanged")).toBe(1);
  });

  it("a switch and a router deleted: their ports go with them", () => {
    const r = afterOneMail();
    r.world.removeDevice("SW-Beta");
    r.world.removeDevice("R1");
    readTheLab(r, "PC-Carol", "dave@alpha.edu");
    expect(strict!.calls).toEqual([]);
    expect(r.byTo("dave@alpha.edu").state).toBe("delivered");
  });

  it("a device renamed, then deleted under its new name", () => {
    const r = afterOneMail();
    r.world.device("R1")!.setName("R9");
    r.world.device("SW-Alpha")!.setName("R1");
    r.world.removeDevice("R1");
    r.world.removeDevice("R9");
    readTheLab(r, "PC-Alice", "dave@alpha.edu");
    expect(strict!.calls).toEqual([]);
  });

  it("File > Open, then File > New: every object of the old file released at fileClosing", () => {
    const r = afterOneMail();
    r.world.openFile(oneLan());
    readTheLab(r, "PC-Ann", "ben@school.lab");
    expect(r.byTo("ben@school.lab").state).toBe("delivered");
    expect(r.world.device("SW1")!.listeners("powerChanged")).toBe(1); // the new file is watched
    r.world.newFile();
    r.ok({ type: "labCheck" });
    expect(strict!.calls).toEqual([]);
    r.engine.stop();
    expect(liveRegistrations.count - registeredBefore).toBe(0);
  });

  it("a mail that ends inside the removal event does not watch the device being removed", () => {
    const r = afterOneMail();
    r.world.removeDevice("PC-Bob"); // the lab is to be watched again on the next read
    const erin = r.world.device("PC-Erin")!;
    // A handler PT runs after the engine's, which makes a mail end (and so a lab read) mid-removal.
    r.world.app.workspace.logical.registerEvent("deviceRemoving", null, () => {
      erin.email!.smtp.emit("mailSent", { dest: "x@beta.org", subject: "mid-removal", body: "", responseType: 2 });
    });
    r.world.removeDevice("PC-Carol");
    readTheLab(r, "PC-Alice", "dave@alpha.edu");
    expect(strict!.calls).toEqual([]);
  });
});
