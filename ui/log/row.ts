// One mail in the delivery log: a summary line with a status badge that changes
// in place, and, expanded, its timeline, what the code means and what to check.
import { html } from "htm/preact";
import type { MailEntry } from "../../src/protocol";
import { decodeResponse } from "../../src/protocol";

/** Each status has an icon and a word, so it never rests on colour alone. */
const BADGES: { [kind: string]: [string, string] } = {
  queued: ["◷", "Queued"],
  sending: ["➜", "Sending"],
  forwarding: ["⇄", "Forwarding"],
  delivered: ["✓", "Delivered"],
  cancelled: ["⊘", "Cancelled"],
  waiting: ["⏸", "Waiting for simulation"],
  failed: ["✕", "Failed: "],
};

function badgeText(m: MailEntry): { kind: string; icon: string; text: string } {
  const kind = m.waitingForSimulation && (m.state === "sending" || m.state === "forwarding") ? "waiting" : m.state;
  const [icon, text] = BADGES[kind];
  return {
    kind,
    icon,
    text: kind === "failed" ? text + (m.code !== null ? decodeResponse(m.code).label : "no code") : text,
  };
}

function clock(at: number): string {
  const d = new Date(at);
  const p = (n: number) => (n < 10 ? "0" : "") + n;
  return p(d.getHours()) + ":" + p(d.getMinutes()) + ":" + p(d.getSeconds());
}

function Badge({ mail }: { mail: MailEntry }) {
  const b = badgeText(mail);
  return html`<span class=${"badge " + b.kind}><span aria-hidden="true">${b.icon}</span> ${b.text}</span>`;
}

export function LogRow({ mail, open, toggle }: { mail: MailEntry; open: boolean; toggle: (id: number) => void }) {
  const code = mail.code !== null ? decodeResponse(mail.code) : null;
  return html`
    <li class=${"mail" + (open ? " open" : "")} data-id=${mail.id}>
      <button type="button" class="summary" aria-expanded=${open ? "true" : "false"} onClick=${() => toggle(mail.id)}>
        <span class="time">${clock(mail.queuedAt)}</span>
        <span class="who"><span class="device">${mail.device}</span>${mail.origin === "pt-client" ? html` <span class="origin" title="Sent from the device's own Email app in Packet Tracer">PT Email</span>` : null}
          <span class="to">→ ${mail.to || "(no recipient)"}</span></span>
        <span class="subject">${mail.subject || "(no subject)"}</span>
        <${Badge} mail=${mail} />
      </button>
      ${
        open
          ? html`
        <div class="detail">
          <dl>
            <dt>From</dt><dd>${mail.from || "—"}</dd>
            <dt>Server</dt><dd>${mail.server || "—"}</dd>
            ${mail.origin === "pt-client" ? html`<dt>Origin</dt><dd>Sent from ${mail.device}'s own Email app (not from this console)</dd>` : null}
          </dl>
          ${
            (mail.state === "failed" || mail.state === "cancelled") && (code || mail.reason)
              ? html`
            <div class="explain">
              ${code && code.kind === "failure" ? html`<p><strong>${code.label} (code ${code.code}).</strong> ${code.meaning}</p><p><strong>Check:</strong> ${code.check}</p>` : null}
              ${mail.reason ? html`<p>${mail.reason}</p>` : null}
            </div>`
              : null
          }
          <ol class="timeline" aria-label="Timeline">
            ${mail.events.map(
              (e) => html`<li>
              <span class="time">${clock(e.at)}</span>
              ${e.code !== null ? html`<span class="code">${e.code}</span> <span class="name">${decodeResponse(e.code).name}</span>` : html`<span class="note">${e.note}</span>`}
              ${e.late ? html` <span class="late">(arrived late)</span>` : null}
              ${e.raw ? html` <code class="raw">${e.raw}</code>` : null}
            </li>`,
            )}
            ${mail.events.length ? null : html`<li class="none">No event yet.</li>`}
          </ol>
          <pre class="body" aria-label="Body">${mail.body}</pre>
        </div>`
          : null
      }
    </li>`;
}
