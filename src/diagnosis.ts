// Diagnosis for the panel: "Check" before sending (what the model predicts
// for each recipient, from the lab as it is now) and the fidelity report a
// teacher pastes into an issue when PT and the model disagree. Sending is
// never blocked by a prediction. The report carries no password and no body.
import type { DeviceRegistry } from "./devices";
import { type LabSnapshot, SNAPSHOT_MAX_AGE_MS, slice } from "./lab-snapshot";
import type { DeliveryLog } from "./log";
import { argShape } from "./mail-event";
import {
  decideFate,
  defaultBehaviour,
  indexTopology,
  type MailFacts,
  type PtBehaviour,
  type Snapshot,
  type Topology,
} from "./model";
import { type MatrixCell, type MatrixRows, matrixRows } from "./model/matrix";
import type { LabCheck, LabCheckCell, MailEntry, MailState, Reply, RequestOf, Verdict } from "./protocol";
import type { Host, TimerId } from "./pt";
import { refuse } from "./requests";
import { explain, type Judged, judge } from "./verdict";

interface ReportFacts {
  ptVersion: string;
  engineVersion: string;
  /** The shapes of the first mailSent args seen: key names and value types, no values. */
  shapes: string[];
  mails: readonly MailEntry[];
}

/** Plain text for an issue: PT's version, what mailSent looked like, and every prediction PT contradicted. */
function fidelityReport(f: ReportFacts): string {
  const lines = [
    "Mail Console fidelity report",
    "Packet Tracer " + (f.ptVersion || "(version unreadable)") + ", Mail Console " + f.engineVersion,
    "",
    "mailSent arguments as received (first shapes, no values):",
  ];
  if (!f.shapes.length) lines.push("  (no mailSent event yet)");
  for (const s of f.shapes) lines.push("  " + s);
  const contradicted = f.mails.filter((m) => m.verdict && m.verdict.disagrees);
  lines.push("", "Predictions Packet Tracer contradicted: " + contradicted.length);
  for (const m of contradicted) {
    const v = m.verdict as Verdict;
    const d = v.disagrees as { pt: number | null; model: number | null };
    lines.push(
      "- " +
        new Date(m.queuedAt).toISOString() +
        " " +
        m.device +
        ": " +
        m.from +
        " -> " +
        m.to +
        " via " +
        (m.server || "(no server)"),
      "  PT answered " +
        codeText(d.pt) +
        "; the model expected " +
        codeText(d.model) +
        " (rule " +
        v.rule +
        ", evidence " +
        v.evidence +
        ")",
      "  the model's reading: " + v.cause,
    );
  }
  return lines.join("\n") + "\n";
}

function codeText(code: number | null): string {
  return code === null ? "no code" : String(code);
}

/** A Lab check of this many cells is worked out at once, as it always was (README "Measured": 1,600 take 50 ms in Qt 5.15). */
const MATRIX_CELLS = 400;
/**
 * Cells per labCheck answer (issue 23): the 87,025 cells of 300 devices in one answer took 1.7 s in
 * Qt 5.15 (23 MB); an answer of a page of them (262 KB) takes about 7 ms there.
 */
export const LAB_PAGE_CELLS = 1000;

const noCells = (): LabCheck => ({ senders: [], roster: [], cells: [], causes: [], readable: true });

interface MatrixWork {
  /** When it was begun, then done: a large lab takes PT longer than SNAPSHOT_MAX_AGE_MS to work out. */
  at: number;
  /** null once done: its index of the lab need not outlive the work. */
  rows: MatrixRows | null;
  timer: TimerId | null;
  done: boolean;
  /** Names this matrix to the panel asking for its pages: a page of another id is never joined to it. */
  id: number;
  /**
   * The cells as JSON text, a page each: one heap item, not 5 a cell (87,025 cells as objects made Qt 5.15's
   * garbage collection pause 120-220 ms in whichever call it fell), and cells not yet a page's.
   */
  pages: string[];
  left: MatrixCell[];
  /** Cells: a row per sender, a cell per account. */
  total: number;
  /** When done: the check less its cells. */
  check?: LabCheck;
}

export interface DiagnosisOptions {
  host: Host;
  registry: DeviceRegistry;
  log: DeliveryLog;
  lab: LabSnapshot;
  report: (where: string, e: unknown) => void;
}

/** The engine's use of the mail model: judging ended mails, "Check", and the fidelity report. */
export class Diagnosis {
  private readonly behaviour: PtBehaviour = defaultBehaviour();
  /** The shapes of the first mailSent args seen, for the fidelity report. */
  private readonly shapes: string[] = [];
  private indexed: { snapshot: Snapshot; topo: Topology } | null = null;
  /** The Lab check being worked out, a slice per tick, since `at`. */
  private matrix: MatrixWork | null = null;
  private lastId = 0;

  constructor(private readonly o: DiagnosisOptions) {}

  /** A mailSent arrived: its shape is kept for the report (the first few distinct ones). */
  seen(args: unknown): void {
    if (this.shapes.length >= 5) return;
    const shape = argShape(args);
    if (this.shapes.indexOf(shape) < 0) this.shapes.push(shape);
  }

  /**
   * The model's judgment of a mail PT ended; the device's own password where the console did not send it.
   * While a large lab is still being read, null now and `later` gets it when the read ends (lab-snapshot.ts).
   */
  judgeMail(
    entry: MailEntry,
    state: MailState,
    code: number,
    password: string | null,
    later?: (judged: Judged) => void,
  ): Judged | null {
    const d = this.o.registry.get(entry.deviceKey);
    const pass = password !== null ? password : d ? d.account.password : "";
    const snapshot = this.readLab(() => this.o.lab.ready());
    if (snapshot || !later) return this.judged(snapshot, entry, code, pass, state);
    this.o.lab.later((s) => {
      const judged = this.judged(s, entry, code, pass, state);
      if (judged) later(judged);
    });
    return null;
  }

  private judged(snapshot: Snapshot | null, entry: MailEntry, code: number, pass: string, state: MailState) {
    return judge(snapshot, entry, code, pass, this.behaviour, state, snapshot ? this.topologyOf(snapshot) : undefined);
  }

  /** "Check": per recipient, the model's verdict from the lab as it is now (null where it cannot be read). */
  check(r: RequestOf<"predict">): Reply<"predict"> {
    const d = this.o.registry.get(String(r.device));
    if (!d) return refuse("From device: that device is no longer in the topology. Choose another one.", "device");
    if (!Array.isArray(r.to) || !r.to.length) return refuse("To: add at least one recipient.", "to");
    // Asked for by a person: the lab as it is now (a large one over several calls: pending meanwhile).
    const snapshot = this.readLab(() => this.o.lab.fresh());
    const pending = snapshot ? null : this.pending();
    const topo = snapshot ? this.topologyOf(snapshot) : undefined;
    const account = { device: d.name, from: String(r.from), password: String(r.password), server: String(r.server) };
    const value = r.to
      .map((t) => String(t).trim())
      .filter((t) => t !== "")
      .map((to) =>
        pending
          ? { to, verdict: null, pending }
          : { to, verdict: snapshot ? this.predictOne(snapshot, Object.assign({ to }, account), topo) : null },
      );
    return { ok: true, value };
  }

  private predictOne(snapshot: Snapshot, mail: MailFacts, topo: Topology | undefined): Verdict | null {
    try {
      return explain(snapshot, mail, decideFate(snapshot, mail, this.behaviour, topo), topo);
    } catch (_e) {
      return null; // a lab the model cannot read is as good as none
    }
  }

  /**
   * The Lab check over the devices the registry knows, with their own accounts (passwords stay here).
   * A large lab is read, and its matrix worked out, a slice per call (issue 23): pending until both are done;
   * then it is answered a page (LabPage) per call.
   */
  labCheck(r: RequestOf<"labCheck">): LabCheck {
    const now = this.o.host.now();
    let m = this.matrix;
    // Its next page: asked within SNAPSHOT_MAX_AGE_MS of the previous one, the matrix is kept however long ago it was read.
    const paging = !!m && m.done && m.id === r.id;
    // Done long ago and not asked for since: the lab may have changed; worked out afresh.
    if (m && m.done && !paging && !(now - m.at < SNAPSHOT_MAX_AGE_MS && now >= m.at)) this.stop();
    if (!this.matrix) {
      // Asked for by a person: read the lab now (a DNS record or an account changes without an event).
      const snapshot = this.readLab(() => this.o.lab.fresh());
      if (!snapshot) return Object.assign(noCells(), { pending: this.pending() });
      const clients = this.o.registry.list().map((d) => ({
        device: d.name,
        mailId: d.account.mailId,
        user: d.account.user,
        password: d.account.password,
        smtpServer: d.account.smtpServer,
      }));
      const work = matrixRows(snapshot, clients, this.behaviour);
      // From the clock: unique across restarts of the engine too, so a panel that outlived one joins no page of the next.
      this.lastId = Math.max(this.lastId + 1, now);
      const total = work.width * work.progress().total;
      m = this.matrix = { at: now, rows: work, timer: null, done: false, id: this.lastId, pages: [], left: [], total };
      // A large lab's rows start in a tick: this call has read the last of the lab and indexed it.
      if (total > MATRIX_CELLS) m.timer = this.o.host.setTimeout(this.tick(m, 0), 0);
    }
    m = this.matrix;
    const rows = m.rows;
    if (rows && !m.done && (m.timer !== null || this.workOn(m)))
      return Object.assign(noCells(), { pending: rows.progress() });
    if (rows) {
      const done = rows.matrix();
      const senders = done.senders.map((s) => ({ device: s.device, from: s.mailId.trim() }));
      m.check = { senders, roster: done.roster, cells: [], causes: done.causes, readable: true };
      m.rows = null;
    }
    return this.pageOf(m, paging ? (Number(r.from) / LAB_PAGE_CELLS) | 0 : 0);
  }

  /**
   * Page n of a done matrix. senders, roster and causes (hundreds of entries at 300 devices) come with the
   * first page only, not again on each of ~87: the id vouches that every page is of this matrix.
   */
  private pageOf(m: MatrixWork, n: number): LabCheck {
    // No such page (a cursor the panel never sends): no cells, and `from` tells the panel to start over.
    const cells: LabCheckCell[] = m.pages[n] ? JSON.parse(m.pages[n]) : [];
    const page = { id: m.id, from: n * LAB_PAGE_CELLS, total: m.total };
    if (m.timer !== null) this.o.host.clearTimeout(m.timer);
    m.timer = null;
    // The last page given, the next ask reads the lab afresh, as a check in one answer always did; until then it waits.
    if (n + 1 >= m.pages.length) this.stop();
    else m.timer = this.o.host.setTimeout(this.tick(m, 1), SNAPSHOT_MAX_AGE_MS);
    return Object.assign({}, n ? noCells() : m.check, { cells, page });
  }

  /** One slice of the matrix's rows; true while rows are left (the next slice is then due in a tick). */
  private workOn(m: MatrixWork): boolean {
    const rows = m.rows as MatrixRows;
    const small = m.total <= MATRIX_CELLS;
    let left = true;
    // A page's text is a tick's work of its own in a large lab (1,000 cells: 10-30 ms in Qt), rows another's.
    if (small || m.left.length < LAB_PAGE_CELLS) {
      // 10 ms, not 20: the matrix allocates fast, and a collection (20-35 ms in Qt at 300 devices) falls in a tick.
      const more = slice(Infinity, 10);
      left = rows.next();
      while (left && (small || more(1))) left = rows.next();
      m.left = m.left.concat(rows.take());
    }
    const cells = m.left;
    while (cells.length >= LAB_PAGE_CELLS || (!left && cells.length)) {
      m.pages.push(JSON.stringify(cells.splice(0, LAB_PAGE_CELLS)));
      if (!small) break;
    }
    m.done = !left && !cells.length;
    if (m.done) m.at = this.o.host.now();
    else m.timer = this.o.host.setTimeout(this.tick(m, 0), 0);
    return !m.done;
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

  /** PT's cleanUp: a Lab check under way is dropped. */
  stop(): void {
    if (this.matrix && this.matrix.timer !== null) this.o.host.clearTimeout(this.matrix.timer);
    this.matrix = null;
  }

  reportText(engineVersion: string): string {
    let ptVersion = "";
    try {
      ptVersion = String(this.o.host.ipc.appWindow().getVersion());
    } catch (_e) {
      ptVersion = "";
    }
    const log = this.o.log;
    const mails = log.mailsOf(log.changesSince(0, 0).ids);
    return fidelityReport({ ptVersion, engineVersion, shapes: this.shapes, mails });
  }

  /**
   * The snapshot indexed once for every mail judged against it: its paths and lookups are
   * remembered on the index, so a burst of mails costs the model about 0.07 ms each in
   * Qt 5.15 instead of about 1 ms (node build/bench-matrix.mjs measures the same sharing).
   */
  private topologyOf(snapshot: Snapshot): Topology {
    if (this.indexed && this.indexed.snapshot === snapshot) return this.indexed.topo;
    const topo = indexTopology(snapshot);
    this.indexed = { snapshot, topo };
    return topo;
  }

  private readLab(read: () => Snapshot | null): Snapshot | null {
    try {
      return read();
    } catch (e) {
      this.o.report("read the lab", e);
      return null;
    }
  }

  /** How far the read under way is, for a pending answer. */
  private pending(): { done: number; total: number } {
    return this.o.lab.progress();
  }
}
