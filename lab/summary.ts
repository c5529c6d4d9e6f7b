// What the CLI reports about one imported lab, as the JSON object whose field
// names the issue fixes (one per file). User names, never passwords.
import { VirtualClock } from "../sim/clock";
import { snapshotOf } from "../sim/snapshot";
import type { HostSpec, TopologySpec } from "../sim/spec";
import { World } from "../sim/world";
import { type DeliveryMatrix, defaultBehaviour, deliveryMatrix, type MailClient, type Predicted } from "../src/model";
import type { ScriptModuleSummary } from "./embed/embed";
import { isHostSpec } from "./import/devices";
import type { ImportedLab } from "./import/import-lab";
import { count, LIMITS } from "./import/limits";
import { type LabLease, type LoadedLab, labLeases, leaseText } from "./leases";
import { describeMatrix } from "./matrix-text";
import { checkStored, describeStored, type StoredCheck } from "./stored-evidence";
import { pairsSuffix, type WarningPairs, warningPairs } from "./warning-pairs";

export interface LabSummary {
  file: string;
  ok: true;
  ptVersion: string;
  kind: "pkt" | "pka";
  devices: { name: string; model: string; power: boolean }[];
  mailServers: { device: string; domain: string; smtp: boolean; pop3: boolean; users: { name: string }[] }[];
  dnsServers: {
    device: string;
    enabled: boolean;
    records: { type: "A" | "CNAME"; name: string; address?: string; host?: string }[];
  }[];
  mailClients: { device: string; mailId: string; user: string; smtpServer: string; pop3Server: string }[];
  storedMails: number;
  warnings: string[];
  /** Every sender (mailClients) × every account (user@domain of mailServers), as the model predicts it. */
  matrix: {
    device: string;
    from: string;
    to: string;
    predicted: Predicted;
    codes: number[];
    cause: string;
    fix: string;
    evidence: string;
  }[];
  /** The causes of the pairs not delivered, one per thing to fix, most pairs first. */
  causes: { cause: string; fix: string; pairs: number }[];
  /** Each warning with the pairs it makes unknown (warning-pairs.ts), in `warnings` order. */
  warningPairs: WarningPairs[];
  /** The DHCP clients' leases as PT would give them when the file opens (leases.ts: inferred). */
  leases: LabLease[];
  /** What PT stored (delivered mails, DSNs) held against the matrix (stored-evidence.ts). */
  stored: StoredCheck;
  /** The lab's File Script Module (the activity's own in a .pka): lab/embed. Set when the XML was read. */
  scriptModule?: ScriptModuleSummary;
}

export interface LabMatrix {
  matrix: DeliveryMatrix;
  /** Why the matrix could not be predicted, or null. */
  error: string | null;
  /** The loaded topology the matrix was read from, for what else reads it (the leases); absent on an error. */
  loaded?: LoadedLab;
}

export interface LabFailure {
  file: string;
  ok: false;
  error: string;
}

/** The lab's Email clients with an address, as the model asks them (passwords included, never printed). */
export function mailClientsOf(spec: TopologySpec): MailClient[] {
  const clients: MailClient[] = [];
  for (const h of spec.devices.filter(isHostSpec) as HostSpec[]) {
    const e = h.email;
    if (e?.mailId)
      clients.push({ device: h.name, mailId: e.mailId, user: e.user, password: e.password, smtpServer: e.smtp });
  }
  return clients;
}

/**
 * The lab's delivery matrix: its topology loaded into a simulated world, read
 * as the model's snapshot, every email account (with its password, which the
 * model checks and the output never shows) against every mail account. A
 * topology the simulator cannot load gives an empty matrix and the reason,
 * which the summary lists with the warnings: the file itself did open.
 */
export function labMatrix(lab: ImportedLab): LabMatrix {
  const clients = mailClientsOf(lab.spec);
  // Bounded like the rest of a lab (import/limits.ts): each pair is a cell of the JSON line.
  let accounts = 0;
  for (const d of lab.spec.devices)
    if (isHostSpec(d) && d.mailServer) accounts += Object.keys(d.mailServer.users).length;
  if (clients.length * accounts > LIMITS.matrixPairs) {
    const error =
      "delivery matrix: not predicted (" +
      count(clients.length) +
      " clients × " +
      count(accounts) +
      " accounts is more than " +
      count(LIMITS.matrixPairs) +
      " pairs)";
    return { matrix: { senders: [], roster: [], cells: [], causes: [] }, error };
  }
  try {
    const world = new World({ clock: new VirtualClock() });
    world.load(lab.spec);
    const loaded = { world, snapshot: snapshotOf(world) };
    return { matrix: deliveryMatrix(loaded.snapshot, clients, defaultBehaviour()), error: null, loaded };
  } catch (e) {
    const error = "delivery matrix: not predicted (" + String(e instanceof Error ? e.message : e) + ")";
    return { matrix: { senders: [], roster: [], cells: [], causes: [] }, error };
  }
}

export function summarize(
  file: string,
  lab: ImportedLab,
  predicted: LabMatrix = labMatrix(lab),
  scriptModule?: ScriptModuleSummary,
): LabSummary {
  const matrix = predicted.matrix;
  const hosts = lab.spec.devices.filter(isHostSpec) as HostSpec[];
  const warnings = predicted.error ? lab.warnings.concat([predicted.error]) : lab.warnings;
  return {
    file,
    ok: true,
    ptVersion: lab.ptVersion,
    kind: lab.kind,
    devices: lab.devices.map((d) => ({ name: d.name, model: d.model, power: d.power })),
    mailServers: hosts.flatMap((h) => {
      const m = h.mailServer;
      if (!m || !Object.keys(m.users).length) return [];
      const users = Object.keys(m.users).map((name) => ({ name }));
      return [{ device: h.name, domain: m.domain, smtp: m.smtp !== false, pop3: m.pop3 !== false, users }];
    }),
    dnsServers: hosts.flatMap((h) => {
      const d = h.dnsServer;
      if (!d) return [];
      // What the file holds, two records for one name included (the spec keeps the one the model uses).
      const held = lab.devices.find((x) => x.name === h.name)?.dnsRecords;
      const cnames = d.cnames || {};
      const records = held || [
        ...Object.keys(d.records).map((name) => ({ type: "A" as const, name, address: d.records[name] })),
        ...Object.keys(cnames).map((name) => ({ type: "CNAME" as const, name, host: cnames[name] })),
      ];
      return [{ device: h.name, enabled: d.on !== false, records }];
    }),
    mailClients: hosts.flatMap((h) => {
      const e = h.email;
      if (!e?.mailId) return [];
      return [{ device: h.name, mailId: e.mailId, user: e.user, smtpServer: e.smtp, pop3Server: e.pop3 || e.smtp }];
    }),
    storedMails: lab.storedMails,
    warnings,
    matrix: matrix.cells.map((c) => ({
      device: c.device,
      from: c.from,
      to: c.to,
      predicted: c.predicted,
      codes: c.codes,
      cause: c.cause,
      fix: c.fix,
      evidence: c.evidence,
    })),
    causes: matrix.causes.map((g) => ({ cause: g.cause, fix: g.fix, pairs: g.pairs })),
    warningPairs: warningPairs(warnings, matrix.cells),
    leases: labLeases(lab.spec, predicted.loaded),
    stored: checkStored(lab.spec, matrix, predicted.error),
    ...(scriptModule ? { scriptModule } : {}),
  };
}

/** The same facts as lines of text for a person. */
export function describe(summary: LabSummary, lab: ImportedLab, predicted: LabMatrix = labMatrix(lab)): string[] {
  const out: string[] = [
    summary.file + ": Packet Tracer " + (summary.ptVersion || "(no version)") + " ." + summary.kind,
  ];
  out.push(
    "  devices (" +
      summary.devices.length +
      "): " +
      summary.devices.map((d) => d.name + " (" + d.model + (d.power ? "" : ", off") + ")").join(", "),
  );
  const section = (title: string, lines: string[]) => {
    out.push("  " + title + (lines.length ? ":" : ": none"));
    for (const l of lines) out.push("    " + l);
  };
  section(
    "email clients",
    summary.mailClients.map(
      (c) => c.device + ": " + c.mailId + ", user " + c.user + ", SMTP " + c.smtpServer + ", POP3 " + c.pop3Server,
    ),
  );
  section(
    "mail servers",
    summary.mailServers.map(
      (s) =>
        s.device +
        ": domain " +
        (s.domain || "(none)") +
        ", SMTP " +
        (s.smtp ? "on" : "off") +
        ", POP3 " +
        (s.pop3 ? "on" : "off") +
        ", users " +
        s.users.map((u) => u.name).join(", "),
    ),
  );
  section(
    "DNS servers",
    summary.dnsServers.map(
      (d) =>
        d.device +
        " (" +
        (d.enabled ? "on" : "off") +
        "): " +
        (d.records.map((r) => r.type + " " + r.name + " → " + (r.address || r.host)).join("; ") || "no records"),
    ),
  );
  const mails: string[] = [];
  for (const h of lab.spec.devices.filter(isHostSpec) as HostSpec[]) {
    const boxes = h.mailServer?.mailboxes || {};
    for (const user of Object.keys(boxes)) {
      for (const m of boxes[user])
        mails.push(
          h.name + " mailbox " + user + ': "' + m.subject + '" from ' + m.from + " to " + m.rcpt + ", " + m.dateTime,
        );
    }
    for (const m of h.email?.inbox || [])
      mails.push(h.name + ' inbox: "' + m.subject + '" from ' + m.from + " to " + m.rcpt + ", " + m.dateTime);
  }
  section("stored mail (" + summary.storedMails + ")", mails);
  section(
    "DHCP leases (" + summary.leases.length + ")",
    summary.leases.map((l) => leaseText(l)),
  );
  section(
    "warnings (" + summary.warnings.length + ")",
    summary.warningPairs.map((w) => w.warning + pairsSuffix(w.pairs)),
  );
  for (const line of describeMatrix(predicted.matrix)) out.push(line);
  for (const line of describeStored(summary.stored)) out.push(line);
  return out;
}
