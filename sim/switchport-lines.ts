// A switch port's `switchport` lines as IOS writes them in its running
// configuration, for the simulator's serializeToXml() and the project's
// fixture labs (lab/export/), which src/pt/vlan-config.ts reads back: what
// differs from IOS's default (dynamic auto, VLAN 1, every VLAN allowed).
import type { PortFacts } from "../src/model/snapshot";

export function switchportLines(sp: NonNullable<PortFacts["switchport"]>): string[] {
  const lines: string[] = [];
  if (sp.access !== 1) lines.push(" switchport access vlan " + sp.access);
  if (sp.native !== 1) lines.push(" switchport trunk native vlan " + sp.native);
  if (sp.allowed) lines.push(" switchport trunk allowed vlan " + (sp.allowed.length ? sp.allowed.join(",") : "none"));
  if (sp.mode !== "auto") lines.push(" switchport mode " + (sp.mode === "desirable" ? "dynamic desirable" : sp.mode));
  return lines;
}
