// "Check" in compose: what the lab will do with this mail, per recipient, from
// the mail model. A result is shown only for the draft it judged, and follows
// the lab while it is on screen (ui/lab-freshness.ts). Sending is never
// blocked by a prediction.
import { html } from "htm/preact";
import type { RequestOf, Verdict } from "../../src/protocol";
import type { Call } from "../engine-link";
import { LabResultView, type LabStamp, labStamp } from "../lab-freshness";
import { codeLabel, whyWeThinkSo } from "../status";
import type { PanelStore } from "../store";

export interface CheckProps {
  store: PanelStore;
  call: Call;
  /** What Check would ask for the form as it is now. */
  request: RequestOf<"predict">;
}

interface CheckState {
  checked: { to: string; verdict: Verdict | null }[];
  /** The request that was judged, as text: the result goes when the draft changes. */
  judged: string;
  stamp: LabStamp | null;
}

export class CheckResult extends LabResultView<CheckProps, CheckState> {
  state: CheckState = { checked: [], judged: "", stamp: null };

  protected shown(): boolean {
    return this.state.checked.length > 0 && this.state.judged === JSON.stringify(this.props.request);
  }

  /** Asks for the draft as it is now; answers the error to show, or "" (quiet: asked again on its own). */
  run(quiet = false): Promise<string> {
    const request = this.props.request;
    const stamp = labStamp(this.props.store);
    return this.props
      .call(request)
      .then(
        (r) => {
          this.setState(r.ok ? { checked: r.value, judged: JSON.stringify(request), stamp } : { checked: [] });
          return r.ok ? "" : r.error;
        },
        (err: Error) => {
          this.setState({ checked: [] });
          return quiet ? "" : "Check failed: " + err.message;
        },
      )
      .then((error) => {
        this.follow();
        return error;
      });
  }

  render() {
    if (!this.shown()) return null;
    const stale = this.stale();
    return html`<ul class=${"checked" + (stale ? " stale" : "")} aria-label="Check">${stale ? html`<li>The lab changed: checking again…</li>` : null}${this.state.checked.map(predicted)}</ul>`;
  }
}

const WILL = { delivered: "Will be delivered", bounced: "Will bounce", failed: "Will fail", unknown: "Cannot tell" };

/** "Will bounce: MAIL-ALPHA has no user karol. Fix: …", the rule and its evidence folded away. */
function predicted(p: { to: string; verdict: Verdict | null }) {
  const v = p.verdict;
  if (!v) return html`<li>${p.to}: the lab could not be read.</li>`;
  const last = v.expected[v.expected.length - 1];
  const code = v.outcome === "failed" && v.expected.length ? ` (${last}, ${codeLabel(last)})` : "";
  const where = v.outcome === "delivered" && v.mailbox ? `in ${v.mailbox}'s mailbox on ${v.server}` : v.cause;
  const fix = v.outcome !== "delivered" && v.fix ? html` <strong>Fix:</strong> ${v.fix}.` : null;
  return html`<li>${p.to}: ${WILL[v.outcome]}${code}: ${where}.${fix}${whyWeThinkSo(v.rule, v.evidence)}</li>`;
}
