// Diagnosis for the panel: "Check" before sending (what the model predicts
// for each recipient, from the lab as it is now) and the fidelity report a
// teacher pastes into an issue when PT and the model disagree. Sending is
// never blocked by a prediction. The report carries no password and no body.
import type { DeviceRegistry } from "./devices";
import { type LabCheckAnswer, LabCheckWork } from "./lab-check-work";
import { LabIndex } from "./lab-index";
import type { LabSnapshot } from "./lab-snapshot";
import type { DeliveryLog } from "./log";
import { argShape } from "./mail-event";
import { decideFate, defaultBehaviour, type MailFacts, type PtBehaviour, type Snapshot, type Topology } from "./model";
import type { MailEntry, MailState, Reply, RequestOf, Verdict } from "./protocol";
import type { Host } from "./pt";
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

/** The fidelity report's shapes are those of the first this many mailSent events. */
const SHAPES_TAKEN = 200;

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
  /** Events whose shape was taken: a class sends one or two shapes, and taking one allocates in Qt (issue 23). */
  private shapesTaken = 0;
  private readonly index: LabIndex;
  private readonly labChecks: LabCheckWork;

  constructor(private readonly o: DiagnosisOptions) {
    this.index = new LabIndex(o.lab);
    this.labChecks = new LabCheckWork({
      host: o.host,
      registry: o.registry,
      lab: o.lab,
      behaviour: this.behaviour,
      topologyOf: (snapshot) => this.index.topologyOf(snapshot),
      readLab: (read) => this.readLab(read),
    });
  }

  /** A mailSent arrived: its shape is kept for the report (the first few distinct ones). */
  seen(args: unknown): void {
    if (this.shapes.length >= 5 || this.shapesTaken >= SHAPES_TAKEN) return;
    this.shapesTaken++;
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
    return judge(
      snapshot,
      entry,
      code,
      pass,
      this.behaviour,
      state,
      snapshot ? this.index.topologyOf(snapshot) : undefined,
    );
  }

  /** "Check": per recipient, the model's verdict from the lab as it is now (null where it cannot be read). */
  check(r: RequestOf<"predict">): Reply<"predict"> {
    const d = this.o.registry.get(String(r.device));
    if (!d) return refuse("From device: that device is no longer in the topology. Choose another one.", "device");
    if (!Array.isArray(r.to) || !r.to.length) return refuse("To: add at least one recipient.", "to");
    // Asked for by a person: the lab as it is now (a large one over several calls: pending meanwhile).
    const snapshot = this.readLab(() => this.o.lab.fresh());
    const pending = snapshot ? null : this.pending();
    const topo = snapshot ? this.index.topologyOf(snapshot) : undefined;
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

  /** The Lab check (lab-check-work.ts): pending while a large lab is worked out, then a page per call. */
  labCheck(r: RequestOf<"labCheck">): LabCheckAnswer {
    return this.labChecks.ask(r);
  }

  /** PT's cleanUp: a Lab check under way is dropped. */
  stop(): void {
    this.labChecks.stop();
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

  private readLab(read: () => Snapshot | null): Snapshot | null {
    this.index.forgetStale();
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
