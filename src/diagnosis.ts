// Diagnosis for the panel: "Check" before sending (what the model predicts
// for each recipient, from the lab as it is now) and the fidelity report a
// teacher pastes into an issue when PT and the model disagree. Sending is
// never blocked by a prediction. The report carries no password and no body.
import { decideFate, type PtBehaviour, type Snapshot } from "./model";
import type { MailEntry, RequestOf, Verdict } from "./protocol";

/** One recipient's prediction; null where the lab could not be read. */
export function predict(
  snapshot: Snapshot | null,
  behaviour: PtBehaviour,
  device: string,
  r: RequestOf<"predict">,
): { to: string; verdict: Verdict | null }[] {
  const out: { to: string; verdict: Verdict | null }[] = [];
  for (const to of r.to) {
    let verdict: Verdict | null = null;
    if (snapshot) {
      try {
        const fate = decideFate(
          snapshot,
          { device, from: r.from, to, password: r.password, server: r.server },
          behaviour,
        );
        verdict = {
          outcome: fate.outcome.kind,
          expected: fate.codes,
          cause: fate.cause,
          fix: fate.fix,
          rule: fate.rule,
          evidence: fate.evidence,
        };
        const o = fate.outcome;
        if (o.kind === "delivered" || o.kind === "bounced") {
          verdict.server = o.server;
          verdict.mailbox = o.mailbox;
        }
        if (o.kind === "bounced") verdict.dsn = o.dsn;
      } catch (_e) {
        verdict = null;
      }
    }
    out.push({ to, verdict });
  }
  return out;
}

export interface ReportFacts {
  ptVersion: string;
  engineVersion: string;
  /** The shapes of the first mailSent args seen: key names and value types, no values. */
  shapes: string[];
  mails: readonly MailEntry[];
}

/** Plain text for an issue: PT's version, what mailSent looked like, and every prediction PT contradicted. */
export function fidelityReport(f: ReportFacts): string {
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
