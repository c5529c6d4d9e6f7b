// A class send in the log: one line that sums up the compose ("sent to 30:
// 27 delivered, 2 bounced, 1 failed"), opening to its mails, with a way to
// send again to the ones that did not arrive.
import { html } from "htm/preact";
import { Pure } from "../pure";
import type { PanelStore } from "../store";
import { type Group, groupText, inProgress } from "../tally";
import { clock } from "../time";
import { LogRow, oldTag } from "./row";
import type { LogRows } from "./rows";

export interface GroupProps {
  store: PanelStore;
  g: Group;
  /** The group's change count: the group object itself changes in place. */
  rev: number;
  open: boolean;
  rows: LogRows;
  /** rows.version when filtered (which members pass), else 0. */
  shown: number;
  /** Which mails are opened. */
  opened: { [id: number]: boolean };
  old: boolean;
  toggle: (id: number) => void;
  toggleRow: (id: number) => void;
  resend: (group: number) => void;
}

export class GroupItem extends Pure<GroupProps> {
  render() {
    const { store, g, open, rows, opened, old, toggle, toggleRow, resend } = this.props;
    const moving = inProgress(g.n);
    const missed = g.n.failed + g.n.bounced + g.n.cancelled;
    const members = open ? store.members(g.id).filter((m) => rows.passes(m.id)) : [];
    return html`
      <li class=${"mail group" + (open ? " open" : "")}>
        <button type="button" class="summary" aria-expanded=${open ? "true" : "false"} onClick=${() => toggle(g.id)}>
          <span class="time">${clock(g.at)}</span>
          <span class="who"><span class="device">${g.device}</span> ${old ? oldTag : null}
            <span class="sum">${groupText(g)}</span></span>
          <span class="line2"><span class="subject">${g.subject}</span></span>
        </button>
        ${
          open
            ? html`<div class="members">
          ${!moving && missed ? html`<button type="button" onClick=${() => resend(g.id)}>Resend to the failed ones</button>` : null}
          <ul>${members.map((m) => html`<${LogRow} key=${m.id} mail=${m} open=${!!opened[m.id]} old=${false} toggle=${toggleRow} />`)}</ul>
        </div>`
            : null
        }
      </li>`;
  }
}
