// A router's access lists as IOS writes them in its running configuration,
// for the simulator's serializeToXml() and the project's fixture labs
// (lab/export/), which src/pt/acl-config.ts reads back: a numbered list as
// `access-list N …` lines, a named one as `ip access-list standard|extended
// NAME` with its entries indented, and `ip access-group` under an interface.
import type { AclFacts } from "../src/model/snapshot";

/** The global lines for these lists, numbered ones first as IOS orders them. */
export function aclLines(lists: { [name: string]: AclFacts } | undefined): string[] {
  const acls = lists || {};
  const names = Object.keys(acls);
  const numbered = names.filter((n) => /^\d+$/.test(n));
  const lines: string[] = [];
  for (const n of numbered) for (const e of acls[n].entries) lines.push("access-list " + n + " " + e.text);
  for (const n of names.filter((x) => numbered.indexOf(x) < 0)) {
    lines.push("ip access-list " + (acls[n].standard ? "standard " : "extended ") + n);
    for (const e of acls[n].entries) lines.push(" " + e.text);
  }
  return lines;
}

/** An interface's `ip access-group` lines. */
export function accessGroupLines(port: { aclIn?: string; aclOut?: string }): string[] {
  const lines: string[] = [];
  if (port.aclIn) lines.push(" ip access-group " + port.aclIn + " in");
  if (port.aclOut) lines.push(" ip access-group " + port.aclOut + " out");
  return lines;
}
