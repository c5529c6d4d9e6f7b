// The panel's mirror of the log keeps its totals as entries arrive, change and
// leave. Whatever the order of changes, they equal a recount from scratch.

import { describe, expect, it } from "vitest";
import type { MailEntry, MailState } from "../../src/protocol";
import { PanelStore } from "../../ui/store";
import { inProgress } from "../../ui/tally";
import { rig } from "../helpers/engine-on-sim";
import { changes, mail, push } from "../helpers/panel-fixtures";

const STATES: MailState[] = ["queued", "sending", "forwarding", "delivered", "bounced", "failed", "cancelled"];

/** The totals counted the slow way, from the rows held. */
function recount(mails: MailEntry[]) {
  const n: { [s: string]: number } = {};
  const pending: { [k: string]: number } = {};
  for (const s of STATES) n[s] = 0;
  for (const m of mails) {
    n[m.state]++;
    if (m.origin === "console" && (m.state === "queued" || m.state === "sending" || m.state === "forwarding"))
      pending[m.deviceKey] = (pending[m.deviceKey] || 0) + 1;
  }
  return { n, pending };
}

function totals(store: PanelStore) {
  const pending: { [k: string]: number } = {};
  store.tally.pending.forEach((v, k) => {
    pending[k] = v;
  });
  return { n: { ...store.tally.n }, pending };
}

/** Runs the simulated network until the panel has nothing in flight. */
function settle(r: ReturnType<typeof rig>, store: PanelStore): void {
  let i = 0;
  do r.clock.advance(100);
  while (store.inFlight() && ++i < 300);
}

describe("the panel store", () => {
  it("keeps its totals equal to a recount through adds, changes and drops in any order", () => {
    let seed = 7;
    const random = (k: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % k;
    };
    const store = new PanelStore();
    store.apply(changes());
    let seq = 10;
    let nextId = 1;
    for (let round = 0; round < 300; round++) {
      seq++;
      const held = store.mails;
      const changed: MailEntry[] = [];
      for (let k = random(3); k > 0; k--)
        changed.push(mail({ id: nextId++, rev: seq, state: "queued", code: null, deviceKey: "k" + random(3) }));
      for (let k = random(4); k > 0 && held.length; k--) {
        const m = held[random(held.length)];
        if (changed.some((c) => c.id === m.id)) continue;
        changed.push({ ...m, rev: seq, state: STATES[random(STATES.length)] });
      }
      changed.sort((a, b) => a.id - b.id);
      const dropped = held.length > 40 ? [held[0].id, held[random(held.length - 1) + 1].id] : [];
      store.apply(
        push(
          seq,
          changed.filter((c) => dropped.indexOf(c.id) < 0),
          { droppedIds: dropped },
        ),
      );
      expect(totals(store)).toEqual(recount(store.mails));
      expect(store.inFlight()).toBe(inProgress(store.tally.n));
    }
    expect(store.mails.map((m) => m.id)).toEqual(store.mails.map((m) => m.id).sort((a, b) => a - b));
  });

  it("keeps Sent, the dropped count, the file and the draft the engine sent", () => {
    const store = new PanelStore();
    store.apply(changes({ sent: 12, dropped: 10, file: 3, draft: { device: "k", to: "a@b", subject: "", body: "" } }));
    expect([store.sent, store.dropped, store.file, store.draft?.to]).toEqual([12, 10, 3, "a@b"]);
    store.apply(push(11, [], { sent: 13, dropped: 10, file: 3 }));
    expect(store.sent).toBe(13);
    expect(store.draft?.to).toBe("a@b"); // a push without a draft leaves it
    store.apply(push(12, [], { sent: 13, dropped: 10, file: 3, draft: null }));
    expect(store.draft).toBeNull();
  });

  it("stays right when the engine in the same realm changes the entries it handed over", () => {
    const r = rig();
    const store = r.openPanel();
    r.send("PC-Alice", ["carol@alpha.edu", "bob@beta.org", "bobby@beta.org"]);
    settle(r, store);
    expect(store.inFlight()).toBe(0);
    expect(totals(store)).toEqual(recount(store.mails));
    const g = store.tally.groups.get(store.mails[0].group)!;
    expect(g.size).toBe(3);
    expect(inProgress(g.n)).toBe(0);
  });

  it("applies a lowered row limit at once: the rows and their totals, while Sent stays true", () => {
    const r = rig();
    const store = r.openPanel();
    for (let i = 0; i < 30; i++) {
      r.send("PC-Alice", ["carol@alpha.edu"]);
      settle(r, store);
    }
    expect(store.mails).toHaveLength(30);
    r.ok({ type: "saveSettings", settings: { cap: 10 } });
    r.clock.advance(100); // the push interval
    expect(store.mails).toHaveLength(10);
    expect(store.tally.n.delivered).toBe(10);
    expect(store.sent).toBe(30);
    expect(store.dropped).toBe(20);
  });
});
