// "Check" in compose: what the lab will do with this mail, per recipient, from
// the mail model. A result is shown only for the draft it judged, and follows
// the lab while it is on screen (ui/lab-freshness.ts). Sending is never
// blocked by a prediction.
import { html } from "htm/preact";
import type { RequestOf, Verdict } from "../../src/protocol";
import type { Call } from "../engine-link";
import { LabResultView, type LabStamp, labStamp, PENDING_MS, readingNote } from "../lab-freshness";
import { codeLabel, whyWeThinkSo } from "../status";
import type { PanelStore } from "../store";

export interface CheckProps {
  store: PanelStore;
  call: Call;
  /** What Check would ask for the form as it is now. */
  request: RequestOf<"predict">;
}

interface CheckState {
  checked: { to: string; verdict: Verdict | null; pending?: { done: number; total: number } }[];
  /** The request that was judged, as text: the result goes when the draft changes. */
  judged: string;
  stamp: LabStamp | null;
}

export class CheckResult extends LabResultView<CheckProps, CheckState> {
  state: CheckState = { checked: [], judged: "", stamp: null };
  /** A pending answer (a large lab still being read) is asked for again shortly. */
  private again: ReturnType<typeof setTimeout> | undefined;

  componentWillUnmount(): void {
    super.componentWillUnmount();
    clearTimeout(this.again);
  }

  protected shown(): boolean {
    return this.state.checked.length > 0 && this.state.judged === JSON.stringify(this.props.request);
  }

  /** Asks for the draft as it is now; answers the error to show, or "" (quiet: asked again on its own). */
  run(quiet = false): Promise<string> {
    const request = this.props.request;
    const stamp = labStamp(this.props.store);
    let pending = false;
    return this.props
      .call(request)
      .then(
        (r) => {
          pending = r.ok && r.value.some((c) => c.pending);
          // Asked again on its own while a result is on screen: it stays there while the lab is read.
          const keep = pending && quiet && this.shown() && !this.state.checked.some((c) => c.pending);
          if (!keep)
            this.setState(r.ok ? { checked: r.value, judged: JSON.stringify(request), stamp } : { checked: [] });
          return r.ok ? "" : r.error;
        },
        (err: Error) => {
          this.setState({ checked: [] });
          return quiet ? "" : "Check failed: " + err.message;
        },
      )
      .then((error) => {
        clearTimeout(this.again);
        if (pending) this.again = setTimeout(() => this.shown() && this.run(true), PENDING_MS);
        else this.follow();
        return error;
      });
  }

  render() {
    if (!this.shown()) return null;
    const pending = this.state.checked.map((c) => c.pending).filter((p) => p)[0];
    if (pending)
      return html`<ul class="checked" aria-label="Check"><li role="status">${readingNote(pending)}</li></ul>`;
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
