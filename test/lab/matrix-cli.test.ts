// The lab CLI's delivery matrix: who can mail whom in a saved lab, and why
// not, in --json (matrix, causes) and as text (a grid and the causes).
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURE_DIR } from "../../lab/make-fixtures";
import { describeMatrix } from "../../lab/matrix-text";
import { describe as describeLab, summarize } from "../../lab/summary";
import { VirtualClock } from "../../sim/clock";
import type { DeviceSpec, LinkSpec } from "../../sim/spec";
import { World } from "../../sim/world";
import { defaultBehaviour, deliveryMatrix } from "../../src/model";
import { runCli } from "./run-cli";

const ONE_LAN = join(FIXTURE_DIR, "one-lan.pkt");
const CNAMES = join(FIXTURE_DIR, "dns-cnames.pkt");
const TWO_DOMAINS = join(FIXTURE_DIR, "two-domains.pka");

const cy = (to: string) => ({
  device: "Laptop-Cy",
  from: "cy@school.lab",
  to,
  predicted: "failed",
  codes: [],
  cause: "Laptop-Cy is powered off",
  fix: "switch Laptop-Cy on",
  evidence: "inf",
});
const stored = (device: string, from: string, to: string) => ({
  device,
  from,
  to,
  predicted: "delivered",
  codes: [1, 2],
  cause: "SRV stores the mail in " + to.split("@")[0] + "'s mailbox",
  fix: "",
  evidence: "pkt",
});

describe("lab CLI: the delivery matrix", () => {
  it("--json: one entry per email client × mail account, and the causes, with exactly the agreed fields", () => {
    const r = runCli(["--json", ONE_LAN]);
    expect(r.status).toBe(0);
    const lab = JSON.parse(r.out[0]);
    expect(Object.keys(lab)).toEqual([
      "file",
      "ok",
      "ptVersion",
      "kind",
      "devices",
      "mailServers",
      "dnsServers",
      "mailClients",
      "storedMails",
      "warnings",
      "matrix",
      "causes",
      "warningPairs",
      "leases",
      "stored",
      "scriptModule",
    ]);
    // Laptop-Cy is off: its sendMail answers false, so no code at all.
    expect(lab.matrix).toEqual([
      stored("PC-Ann", "ann@school.lab", "ann@school.lab"),
      stored("PC-Ann", "ann@school.lab", "ben@school.lab"),
      stored("PC-Ann", "ann@school.lab", "cy@school.lab"),
      stored("PC-Ben", "ben@school.lab", "ann@school.lab"),
      stored("PC-Ben", "ben@school.lab", "ben@school.lab"),
      stored("PC-Ben", "ben@school.lab", "cy@school.lab"),
      cy("ann@school.lab"),
      cy("ben@school.lab"),
      cy("cy@school.lab"),
    ]);
    expect(lab.causes).toEqual([{ cause: "Laptop-Cy is powered off", fix: "switch Laptop-Cy on", pairs: 3 }]);
  });

  it("--json: a client whose DNS server is switched off fails with 8 to everyone; a healthy lab has no causes", () => {
    const r = runCli(["--json", CNAMES, TWO_DOMAINS]);
    expect(r.status).toBe(0);
    const [cnames, two] = r.out.map((l) => JSON.parse(l));
    expect(cnames.matrix.map((c: { device: string; to: string; predicted: string; codes: number[] }) => c)).toEqual([
      expect.objectContaining({ device: "PC-Dana", to: "dana@corp.lab", predicted: "delivered", codes: [1, 2] }),
      expect.objectContaining({ device: "PC-Dana", to: "eli@corp.lab", predicted: "delivered", codes: [1, 2] }),
      expect.objectContaining({ device: "PC-Eli", to: "dana@corp.lab", predicted: "failed", codes: [1, 8] }),
      expect.objectContaining({ device: "PC-Eli", to: "eli@corp.lab", predicted: "failed", codes: [1, 8] }),
    ]);
    expect(cnames.causes).toEqual([
      {
        cause: "PC-Eli's DNS server 192.168.1.11 is DNS2, whose DNS service is OFF",
        fix: "switch DNS ON on DNS2 (Services > DNS)",
        pairs: 2,
      },
    ]);
    expect(two.matrix.map((c: { device: string; to: string; codes: number[] }) => [c.device, c.to, c.codes])).toEqual([
      ["PC-Alice", "alice@alpha.edu", [1, 2]],
      ["PC-Alice", "carl@alpha.edu", [1, 2]],
      ["PC-Alice", "bob@beta.org", [1, 3, 2]],
      ["PC-Bob", "alice@alpha.edu", [1, 3, 2]],
      ["PC-Bob", "carl@alpha.edu", [1, 3, 2]],
      ["PC-Bob", "bob@beta.org", [1, 2]],
    ]);
    expect(two.causes).toEqual([]);
  });

  it("text: a grid of senders by accounts, a letter per cause, and each cause once with its fix", () => {
    const r = runCli([ONE_LAN]);
    expect(r.status).toBe(0);
    const at = r.out.indexOf("  delivery matrix (3 senders × 3 accounts): 6 delivered, 3 failed");
    expect(at).toBeGreaterThan(0);
    expect(r.out.slice(at + 1)).toEqual([
      "    accounts: 1 ann@school.lab, 2 ben@school.lab, 3 cy@school.lab",
      "               123",
      "    PC-Ann     ...",
      "    PC-Ben     ...",
      "    Laptop-Cy  aaa",
      "    (. delivered; a letter: the cause of that letter below)",
      "  why not delivered (1 cause):",
      "    a  3 pairs (3 failed (no mailSent)): Laptop-Cy is powered off",
      "       fix: switch Laptop-Cy on",
      // SRV's mailbox of ben and PC-Ann's inbox (stored-evidence.test.ts has the details).
      "  PT stored 2 outcomes in this file; the matrix agrees with 2; disagrees with 0",
    ]);
    const two = runCli([TWO_DOMAINS]).out;
    expect(two[two.indexOf("  why not delivered: nothing, every pair delivers") + 1]).toMatch(
      /^ {2}PT stored 3 outcomes/,
    );
  });

  it("exit status as before: 0 when every file opened, 1 when one did not, the others still predicted", () => {
    const r = runCli(["--json", join(FIXTURE_DIR, "no-such-lab.pkt"), CNAMES]);
    expect(r.status).toBe(1);
    const [missing, cnames] = r.out.map((l) => JSON.parse(l));
    expect(missing).toEqual({ file: join(FIXTURE_DIR, "no-such-lab.pkt"), ok: false, error: "no such file" });
    expect(cnames.matrix).toHaveLength(4);
  });

  it("a topology the simulator cannot load: an empty matrix, and why among the warnings", () => {
    const lab = {
      spec: { name: "odd", devices: [], links: [["PC-Gone", "SW-Gone"]] as LinkSpec[] },
      ptVersion: "9.0.1.0858",
      kind: "pkt" as const,
      devices: [],
      storedMails: 0,
      warnings: [],
    };
    const summary = summarize("odd.pkt", lab);
    expect([summary.matrix, summary.causes]).toEqual([[], []]);
    expect(summary.warnings).toEqual(["delivery matrix: not predicted (link: no device named PC-Gone)"]);
    expect(describeLab(summary, lab).slice(-2)).toEqual([
      "  delivery matrix (0 senders × 0 accounts): no pairs",
      "  stored outcomes: none (no delivered mail or DSN in mailboxes or inboxes)",
    ]);
  });

  it("never prints a password, in the matrix either", () => {
    const all = [...runCli([ONE_LAN, CNAMES]).out, ...runCli(["--json", ONE_LAN, CNAMES]).out].join("\n");
    for (const password of ["ann123", "ben123", "cy123", "d4na", "el1"]) expect(all).not.toContain(password);
  });

  it("a class of 30 × 30 reads in a terminal: one row per sender, the grid and its legend within 101 columns", () => {
    const m = deliveryMatrix(classSnapshot(), classClients(), defaultBehaviour());
    const lines = describeMatrix(m);
    expect(lines[0]).toBe("  delivery matrix (30 senders × 30 accounts): 870 delivered, 30 failed");
    expect(lines.filter((l) => /^ {4}PC-\d+-\d+ +[.a-z]{30}$/.test(l))).toHaveLength(30);
    const grid = lines.slice(0, lines.indexOf("  why not delivered (1 cause):"));
    expect(grid.length).toBeGreaterThan(30);
    expect(grid.filter((l) => l.length > 101)).toEqual([]);
    expect(lines).toContain("    PC-2-3   aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    expect(lines).toContain(" ".repeat(22) + "1         2         3");
    expect(lines).toContain(" ".repeat(13) + "123456789012345678901234567890");
    expect(lines.slice(-2)).toEqual([
      "    a  30 pairs (30 failed 8): PC-2-3 cannot reach its DNS server 10.1.0.5: PC-2-3 has no default gateway",
      "       fix: set PC-2-3's default gateway to 10.2.0.1 (R1 GigabitEthernet0/1)",
    ]);
  });
});

/** Three sites of ten pupils, one mail server each, behind one router; PC-2-3 has no gateway (its DNS server is on site 1). */
function classSpec(): { devices: DeviceSpec[]; links: LinkSpec[] } {
  const m24 = "255.255.255.0";
  const records: { [name: string]: string } = {};
  const devices: DeviceSpec[] = [];
  const links: LinkSpec[] = [];
  const ports = [];
  for (let s = 1; s <= 3; s++) {
    const net = "10." + s + ".0.";
    const host = { mask: m24, gateway: net + "1", dns: "10.1.0.5" };
    ports.push({ ip: net + "1", mask: m24 });
    records["site" + s + ".edu"] = records["mail.site" + s + ".edu"] = net + "10";
    const users: { [user: string]: string } = {};
    devices.push({ name: "SW-" + s, kind: "switch" });
    links.push(["R1:" + (s - 1), "SW-" + s]);
    for (let p = 1; p <= 10; p++) {
      const user = "p" + s + "x" + p;
      users[user] = "pw" + user;
      const mail = { mailId: user + "@site" + s + ".edu", user, password: "pw" + user, smtp: "mail.site" + s + ".edu" };
      devices.push({ name: "PC-" + s + "-" + p, kind: "pc", ip: net + (20 + p), ...host, email: mail });
      links.push(["PC-" + s + "-" + p, "SW-" + s]);
    }
    devices.push({
      name: "MAIL-" + s,
      kind: "server",
      ip: net + "10",
      ...host,
      mailServer: { domain: "site" + s + ".edu", users },
    });
    links.push(["MAIL-" + s, "SW-" + s]);
  }
  devices.push({ name: "R1", kind: "router", ports });
  devices.push({
    name: "DNS-SRV",
    kind: "server",
    ip: "10.1.0.5",
    mask: m24,
    gateway: "10.1.0.1",
    dns: "10.1.0.5",
    dnsServer: { records },
  });
  links.push(["DNS-SRV", "SW-1"]);
  const broken = devices.filter((d) => d.name === "PC-2-3")[0] as { gateway?: string };
  broken.gateway = "";
  return { devices, links };
}

function classSnapshot() {
  const w = new World({ clock: new VirtualClock() });
  w.load({ name: "a class of 30", ...classSpec() });
  return w.snapshot();
}

function classClients() {
  return classSpec().devices.flatMap((d) => {
    if (!("email" in d) || !d.email) return [];
    const e = d.email;
    return [{ device: d.name, mailId: e.mailId, user: e.user, password: e.password, smtpServer: e.smtp }];
  });
}
