// The network view's "PT behaviour" section: each switch of PT_BEHAVIOUR
// (src/model/behaviour.ts), where what Packet Tracer does is disputed or
// unobserved, with its current value in the worker's world, its default and
// the evidence for that default. A change applies to the next send.

import { html } from "htm/preact";
import { type Evidence, PT_BEHAVIOUR, type PtBehaviour, type SwitchName } from "../src/model/behaviour";
import { SWITCH_WORDS } from "../src/model/behaviour-words";

const EVIDENCE: { [K in Evidence]: string } = {
  live: "live: seen in a running Packet Tracer",
  pkt: "pkt: read from labs PT saved",
  inf: "inf: inferred, not observed",
};

interface SwitchInfo {
  default: unknown;
  alternatives: unknown[];
  evidence: Evidence;
}

const info = (name: SwitchName): SwitchInfo & { source: string; says: string } =>
  Object.assign({}, PT_BEHAVIOUR[name] as SwitchInfo, SWITCH_WORDS[name]);
const NAMES = Object.keys(PT_BEHAVIOUR) as SwitchName[];

export type SetSwitch = (name: SwitchName, value: PtBehaviour[SwitchName]) => void;

function Control({ name, value, set }: { name: SwitchName; value: unknown; set: SetSwitch }) {
  const s = info(name);
  const options = [s.default].concat(s.alternatives);
  if (typeof s.default === "boolean" && options.length === 2)
    return html`<input type="checkbox" aria-label=${name} checked=${value === true}
      onChange=${(e: Event) => set(name, (e.target as HTMLInputElement).checked)} />`;
  return html`<select aria-label=${name} value=${String(options.indexOf(value))}
    onChange=${(e: Event) => set(name, options[Number((e.target as HTMLSelectElement).value)] as PtBehaviour[SwitchName])}>
    ${options.map((o, i) => html`<option value=${String(i)}>${String(o)}${i === 0 ? " (default)" : ""}</option>`)}
  </select>`;
}

function SwitchRow({ name, value, set }: { name: SwitchName; value: unknown; set: SetSwitch }) {
  const s = info(name);
  const changed = value !== s.default;
  return html`<li class=${"switch" + (changed ? " changed" : "")}>
    <label><${Control} name=${name} value=${value} set=${set} /> <code>${name}</code></label>
    <span class="muted">${changed ? "changed; " : ""}default ${String(s.default)}</span>
    <p class="evidence muted"><abbr class=${"ev " + s.evidence} title=${EVIDENCE[s.evidence]}>${s.evidence}</abbr> ${s.source}</p>
    <p class="says muted">${s.says}</p>
  </li>`;
}

/** The switches in a collapsed section; its summary counts the ones changed from the defaults. */
export function BehaviourView({ values, set, reset }: { values: PtBehaviour; set: SetSwitch; reset: () => void }) {
  const changed = NAMES.filter((n) => values[n] !== info(n).default).length;
  return html`<section class="behaviour" aria-label="PT behaviour">
    <details>
      <summary>PT behaviour: ${changed ? changed + " changed from the defaults" : "the defaults"}</summary>
      <p class="muted">Where what Packet Tracer does is disputed or unobserved, the simulator follows a switch.
        A change applies to the next send and is kept with the open playground file; an opened lab starts on the defaults.
        Evidence for a default: <abbr title=${EVIDENCE.live}>live</abbr>, <abbr title=${EVIDENCE.pkt}>pkt</abbr>, <abbr title=${EVIDENCE.inf}>inf</abbr>.</p>
      <ul class="switches">${NAMES.map((n) => html`<${SwitchRow} key=${n} name=${n} value=${values[n]} set=${set} />`)}</ul>
      <button type="button" disabled=${!changed} onClick=${reset}>Reset to defaults</button>
    </details>
  </section>`;
}
