// The Lab check as the engine works it out and answers it (issue 23): a small
// lab at once; a large one a slice of rows per timer tick, then a page of cells
// per labCheck call. Its cells are kept, and answered, as JSON text: a page is
// one heap item for Qt's collector rather than five a cell, and an answer puts
// the text in as it is (src/wire.ts withList) instead of parsing it back into
// objects only to stringify them again.
import type { DeviceRegistry } from "./devices";
import { type LabSnapshot, SNAPSHOT_MAX_AGE_MS, slice } from "./lab-snapshot";
import type { PtBehaviour, Snapshot, Topology } from "./model";
import { type MatrixRows, matrixRows } from "./model/matrix";
import type { LabCheck, LabCheckCell, RequestOf } from "./protocol";
import type { Host, TimerId } from "./pt";

/** A Lab check of this many cells is worked out at once, as it always was (README "Measured": 1,600 take 50 ms in Qt 5.15). */
const MATRIX_CELLS = 400;
/**
 * Cells per labCheck answer: the 87,025 cells of 300 devices in one answer took 1.7 s in Qt 5.15 (23 MB);
 * a page of them is 262 KB.
 */
export const LAB_PAGE_CELLS = 1000;

const noCells = (): LabCheck => ({ senders: [], roster: [], cells: [], causes: [], readable: true });

/** An answer: the check with `cells` empty, and its cells as JSON text (elements joined by ","), to put in. */
export interface LabCheckAnswer {
  check: LabCheck;
  cells: string;
}

/** The check with its cells as objects, for callers in this realm (handle(): tests, the simulator). */
export function withCellObjects(a: LabCheckAnswer): LabCheck {
  return Object.assign({}, a.check, { cells: JSON.parse("[" + a.cells + "]") as LabCheckCell[] });
}

interface MatrixWork {
  /** When it was begun, then done: a large lab takes PT longer than SNAPSHOT_MAX_AGE_MS to work out. */
  at: number;
  /** null once done: its index of the lab need not outlive the work. */
  rows: MatrixRows | null;
  timer: TimerId | null;
  done: boolean;
  /** Names this matrix to the panel asking for its pages: a page of another id is never joined to it. */
  id: number;
  /** The cells as JSON text, LAB_PAGE_CELLS a page, made as the rows are worked out. */
  pages: string[];
  /** The page being filled: its parts' texts, and how many cells they hold. */
  parts: string[];
  filled: number;
  /** Cells: a row per sender, a cell per account. */
  total: number;
  /** When done: the check less its cells. */
  check?: LabCheck;
}

export interface LabCheckOptions {
  host: Host;
  registry: DeviceRegistry;
  lab: LabSnapshot;
  behaviour: PtBehaviour;
  /** The snapshot's index, shared with the mails judged on it (Diagnosis keeps the last one). */
  topologyOf: (snapshot: Snapshot) => Topology;
  /** Reads the lab, or reports why it could not and answers null. */
  readLab: (read: () => Snapshot | null) => Snapshot | null;
}

/** The Lab check under way or done, and its pages. */
export class LabCheckWork {
  private matrix: MatrixWork | null = null;
  private lastId = 0;

  constructor(private readonly o: LabCheckOptions) {}

  /**
   * The Lab check over the devices the registry knows, with their own accounts (passwords stay here).
   * Pending while a large lab is read and its matrix worked out; then a page (LabPage) per call.
   */
  ask(r: RequestOf<"labCheck">): LabCheckAnswer {
    const now = this.o.host.now();
    let m = this.matrix;
    // Its next page: asked within SNAPSHOT_MAX_AGE_MS of the previous one, the matrix is kept however long ago it was read.
    const paging = !!m && m.done && m.id === r.id;
    // Done long ago and not asked for since: the lab may have changed; worked out afresh.
    if (m && m.done && !paging && !(now - m.at < SNAPSHOT_MAX_AGE_MS && now >= m.at)) this.stop();
    if (!this.matrix) {
      // Asked for by a person: read the lab now (a DNS record or an account changes without an event).
      const snapshot = this.o.readLab(() => this.o.lab.fresh());
      if (!snapshot) return { check: Object.assign(noCells(), { pending: this.o.lab.progress() }), cells: "" };
      const clients = this.o.registry.list().map((d) => ({
        device: d.name,
        mailId: d.account.mailId,
        user: d.account.user,
        password: d.account.password,
        smtpServer: d.account.smtpServer,
      }));
      // The index the mails are judged on: one index and one memo for the snapshot, not two alive at once.
      const work = matrixRows(snapshot, clients, this.o.behaviour, this.o.topologyOf(snapshot));
      // From the clock: unique across restarts of the engine too, so a panel that outlived one joins no page of the next.
      this.lastId = Math.max(this.lastId + 1, now);
      const total = work.width * work.progress().total;
      m = this.matrix = {
        at: now,
        rows: work,
        timer: null,
        done: false,
        id: this.lastId,
        pages: [],
        parts: [],
        filled: 0,
        total,
      };
      // A large lab's rows start in a tick: this call has read the last of the lab and indexed it.
      if (total > MATRIX_CELLS) m.timer = this.o.host.setTimeout(this.tick(m, 0), 0);
    }
    m = this.matrix;
    const rows = m.rows;
    if (rows && !m.done && (m.timer !== null || this.workOn(m)))
      return { check: Object.assign(noCells(), { pending: rows.progress() }), cells: "" };
    if (rows) {
      const done = rows.matrix();
      const senders = done.senders.map((s) => ({ device: s.device, from: s.mailId.trim() }));
      m.check = { senders, roster: done.roster, cells: [], causes: done.causes, readable: true };
      m.rows = null;
    }
    return this.pageOf(m, paging ? (Number(r.from) / LAB_PAGE_CELLS) | 0 : 0);
  }

  /** PT's cleanUp: a Lab check under way is dropped. */
  stop(): void {
    if (this.matrix && this.matrix.timer !== null) this.o.host.clearTimeout(this.matrix.timer);
    this.matrix = null;
  }

  /**
   * Page n of a done matrix. senders, roster and causes (hundreds of entries at 300 devices) come with the
   * first page only, not again on each of ~87: the id vouches that every page is of this matrix.
   */
  private pageOf(m: MatrixWork, n: number): LabCheckAnswer {
    // No such page (a cursor the panel never sends): no cells, and `from` tells the panel to start over.
    const cells = m.pages[n] || "";
    const page = { id: m.id, from: n * LAB_PAGE_CELLS, total: m.total };
    if (m.timer !== null) this.o.host.clearTimeout(m.timer);
    m.timer = null;
    // The last page given, the next ask reads the lab afresh, as a check in one answer always did; until then it waits.
    if (n + 1 >= m.pages.length) this.stop();
    else m.timer = this.o.host.setTimeout(this.tick(m, 1), SNAPSHOT_MAX_AGE_MS);
    return { check: Object.assign({}, n ? noCells() : m.check, { page }), cells };
  }

  /** One slice of the matrix's rows; true while rows are left (the next slice is then due in a tick). */
  private workOn(m: MatrixWork): boolean {
    const rows = m.rows as MatrixRows;
    const small = m.total <= MATRIX_CELLS;
    const more = slice(Infinity);
    let left: boolean;
    do {
      left = rows.next();
      this.keep(m, rows);
    } while (left && (small || more(1)));
    if (!left && m.filled) this.endPage(m);
    m.done = !left;
    if (m.done) m.at = this.o.host.now();
    else m.timer = this.o.host.setTimeout(this.tick(m, 0), 0);
    return !m.done;
  }

  /** The cells of the last step as text, into pages of LAB_PAGE_CELLS: a step's text is made in its own slice. */
  private keep(m: MatrixWork, rows: MatrixRows): void {
    const cells = rows.take();
    for (let at = 0; at < cells.length; ) {
      const part = cells.slice(at, at + LAB_PAGE_CELLS - m.filled);
      m.parts.push(JSON.stringify(part).slice(1, -1));
      m.filled += part.length;
      at += part.length;
      if (m.filled === LAB_PAGE_CELLS) this.endPage(m);
    }
  }

  private endPage(m: MatrixWork): void {
    m.pages.push(m.parts.join(","));
    m.parts = [];
    m.filled = 0;
  }

  /** The next slice; once done, the matrix waits for the next ask as long as a snapshot is trusted. */
  private tick(m: MatrixWork, after: number): () => void {
    const self = this;
    return function () {
      m.timer = null;
      if (self.matrix !== m) return;
      if (after) self.matrix = null;
      else if (!self.workOn(m)) m.timer = self.o.host.setTimeout(self.tick(m, 1), SNAPSHOT_MAX_AGE_MS);
    };
  }
}
