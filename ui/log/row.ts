// One mail in the delivery log: a summary line with a status badge that changes
// in place, and, opened, its timeline, what the code means and what to check.
// It renders again only when its mail (a new object per change) or its props
// change, so a push costs the rows it touched.
import { html } from "htm/preact";
import type { MailEntry, MailEvent } from "../../src/protocol";
import { decodeResponse } from "../../src/protocol";
import { Pure } from "../pure";
import { BOUNCE, codeLabel, statusText, whyWeThinkSo } from "../status";
import { clock } from "../time";

export interface RowProps {
  mail: MailEntry;
  open: boolean;
  /** Queued in a file open before the current one. */
  old: boolean;
  toggle: (id: number) => void;
}

export const oldTag = html`<span class="tag">previous file</span>`;

/** Why a mail is not moving yet, in PT's own button names. */
function waitNote(m: MailEntry): string {
  if (m.state === "queued") return `Waits for the previous mail from ${m.device}.`;
  if (m.waitingForSimulation && (m.state === "sending" || m.state === "forwarding"))
    return "Moves when you press Play or Capture/Forward (Simulation mode).";
  return "";
}

// A word for each status, never a colour alone (and no glyph: ⏸ showed as an empty box in Chromium's default fonts).
const badge = (kind: string, text: string) => html`<span class=${"badge " + kind}>${text}</span>`;

/** Read aloud as "12:48:09, code 1, Sending". */
function step(e: MailEvent, bounced: boolean) {
  const spoken = [clock(e.at)];
  if (e.code !== null) spoken.push("code " + e.code, codeLabel(e.code, bounced));
  else if (e.note) spoken.push(e.note);
  // The engine folds a repeated progress code into one event with a count.
  if (e.times) spoken.push(e.times + " times");
  if (e.late) spoken.push("arrived late");
  return html`<li>
    <span aria-hidden="true"><span class="time">${clock(e.at)}</span>
    ${e.code !== null ? html`<b>${e.code}</b> ${codeLabel(e.code, bounced)}` : e.note}
    ${e.times ? " ×" + e.times : null}${e.late ? " (arrived late)" : null}</span>
    <span class="sr-only">${spoken.join(", ")}</span>
    ${e.raw ? html` <code class="raw">${e.raw}</code>` : null}
  </li>`;
}

/** The short why on a collapsed row: the lab's own reason, or what a bounce is. */
export function shortWhy(m: MailEntry): string {
  if (m.state !== "bounced" && m.state !== "failed") return "";
  if (m.verdict && m.verdict.outcome !== "delivered" && m.verdict.cause) return m.verdict.cause;
  return m.state === "bounced" ? "accepted, then returned to the sender" : "";
}

/** What the mail model made of the lab when the mail ended: the lab's own why, naming devices and records. */
function verdictOf(mail: MailEntry) {
  const v = mail.verdict;
  if (!v) return null;
  const where =
    v.mailbox && v.server
      ? v.outcome === "bounced"
        ? `The bounce lands in ${v.mailbox}'s mailbox on ${v.server}.`
        : `In ${v.mailbox}'s mailbox on ${v.server}.`
      : "";
  const said = (code: number | null) => (code === null ? "no code" : `${code}, ${codeLabel(code)}`);
  return html`<div class="explain verdict">
    ${mail.state === "bounced" ? html`<p><strong>Accepted (code 2), but it comes back:</strong> the server took the mail, then returned it with a "Delivery Status Notification (Failure)".</p>` : null}
    ${where ? html`<p>${where}</p>` : null}
    ${v.outcome !== "delivered" && v.cause ? html`<p><strong>Why:</strong> ${v.cause}</p>` : null}
    ${v.outcome !== "delivered" && v.fix ? html`<p><strong>Fix:</strong> ${v.fix}</p>` : null}
    ${v.disagrees ? html`<p class="disagree" role="note">PT answered ${said(v.disagrees.pt)}; the model expected ${said(v.disagrees.model)}. Copy the fidelity report (Settings) so the model can be corrected.</p>` : null}
    ${whyWeThinkSo(v.rule, v.evidence)}
  </div>`;
}

function detail(mail: MailEntry) {
  const bounced = mail.state === "bounced";
  const code = mail.code !== null ? decodeResponse(mail.code) : null;
  const why =
    mail.state === "bounced" ? BOUNCE : code && code.kind === "failure" && mail.state !== "delivered" ? code : null;
  return html`
    <div class="detail">
      <dl>
        <dt>From</dt><dd>${mail.from || "—"}</dd>
        <dt>Server</dt><dd>${mail.server || "—"}</dd>
      </dl>
      ${verdictOf(mail)}
      ${
        !mail.verdict && (why || mail.reason)
          ? html`<div class="explain">
          ${why ? html`<p><strong>${code && mail.state !== "bounced" ? `${code.label} (code ${code.code}).` : "Bounced."}</strong> ${why.meaning}</p><p><strong>Check:</strong> ${why.check}</p>` : null}
          ${mail.reason ? html`<p>${mail.reason}</p>` : null}
        </div>`
          : null
      }
      <ol class="timeline" aria-label="Timeline">
        ${mail.events.slice(0, 1).map((e) => step(e, bounced))}
        ${mail.omittedEvents ? html`<li>… ${mail.omittedEvents} events left out</li>` : null}
        ${mail.events.slice(1).map((e) => step(e, bounced))}
      </ol>
      <pre class="body" aria-label="Body">${mail.body}</pre>
      ${mail.bodyLength ? html`<p class="hint">First ${mail.body.length} of ${mail.bodyLength} characters (the mail went whole).</p>` : null}
    </div>`;
}

export class LogRow extends Pure<RowProps> {
  render() {
    const { mail, open, old, toggle } = this.props;
    const note = waitNote(mail);
    const why = shortWhy(mail);
    return html`
      <li class=${"mail" + (open ? " open" : "")}>
        <button type="button" class="summary" aria-expanded=${open ? "true" : "false"} onClick=${() => toggle(mail.id)}>
          <span class="time">${clock(mail.queuedAt)}</span>
          <span class="who"><span class="device">${mail.device}</span>
            ${mail.origin !== "console" ? html` <span class="tag">${mail.origin === "pt-client" ? "PT Email" : "unreadable"}</span>` : null}
            ${old ? oldTag : null} <span class="to">→ ${mail.to || "(no recipient)"}</span></span>
          <span class="line2">${badge(mail.state, statusText(mail))}<span class="subject">${mail.subject || "(no subject)"}</span></span>
          ${why ? html`<span class="why">${why}</span>` : null}
        </button>
        ${note ? html`<p class="note">${note}</p>` : null}
        ${open ? detail(mail) : null}
      </li>`;
  }
}
