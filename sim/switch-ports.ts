// A switch's port names, for its IPC ports (ports.ts) and the snapshot
// (snapshot.ts) alike: a named port of the spec ("SW1:2") by its IOS name, a
// bare cable end ("SW1") by the order it was cabled, FastEthernet0/N, skipping
// names the spec already gives.
import type { DeviceState } from "./device-state";
import type { SimLink } from "./links";

export function switchPortNames(d: DeviceState, links: SimLink[]): { [index: number]: string } {
  const names: { [index: number]: string } = {};
  const taken = d.ports.map((p) => p.name || "");
  let n = 0;
  for (const l of links)
    for (const end of [l.a, l.b]) {
      if (end.device !== d) continue;
      const named = end.port < d.ports.length ? d.ports[end.port].name : undefined;
      if (named) {
        names[end.port] = named;
        continue;
      }
      let name = "";
      do name = "FastEthernet0/" + ++n;
      while (taken.indexOf(name) >= 0);
      names[end.port] = name;
    }
  return names;
}
