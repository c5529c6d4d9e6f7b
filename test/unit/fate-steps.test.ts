// A fate's codes are worked out without wording its steps (src/model/fate.ts codesBefore), and its steps
// only when read: the two must still agree, for every sender against every account of every fixture lab,
// a wrong password and an unknown user, with PT's progress codes shown and not.
import { describe, expect, it } from "vitest";
import { fixtureLabs } from "../../lab/fixtures/labs";
import { mailClientsOf } from "../../lab/summary";
import { classroom } from "../../sim/scenarios/classroom";
import type { TopologySpec } from "../../sim/spec";
import { behaviourWith, decideFate, indexTopology, type MailFacts } from "../../src/model";
import { rosterOf } from "../../src/model/matrix";
import { imported, liveSnapshot } from "../helpers/fixture-labs";

const specs = (): TopologySpec[] => [classroom()].concat(fixtureLabs().map((l) => imported(l.file).spec));

describe("a fate's codes and its steps", () => {
  for (const spec of specs()) {
    it(`${spec.name}: the codes are those of the steps, whichever row decided`, () => {
      const snapshot = liveSnapshot(spec);
      const topo = indexTopology(snapshot);
      const roster = rosterOf(snapshot);
      const rules = new Set<string>();
      let fates = 0;
      for (const progress of [true, false]) {
        const behaviour = behaviourWith({ emitProgressEvents: progress });
        for (const s of mailClientsOf(spec)) {
          const base = { device: s.device, from: s.mailId, password: s.password, server: s.smtpServer };
          const mails: MailFacts[] = roster.map((to) => Object.assign({ to }, base));
          const domain = s.mailId.split("@")[1] || "nowhere.lab";
          mails.push(Object.assign({}, base, { to: "nobody@" + domain }));
          mails.push(Object.assign({}, base, { to: s.mailId, password: s.password + "x" }));
          for (const mail of mails) {
            const fate = decideFate(snapshot, mail, behaviour, topo);
            const stepped = fate.steps.map((st) => st.code).filter((c): c is number => c !== null);
            expect(fate.codes, `${fate.rule}: ${JSON.stringify(mail)}`).toEqual(stepped);
            if (!progress) expect(fate.codes.indexOf(1)).toBe(-1);
            rules.add(fate.rule);
            fates++;
          }
        }
      }
      expect(fates).toBeGreaterThan(0);
      expect(rules.size).toBeGreaterThan(1);
    });
  }
});
