// `npm run lab -- [--json | --xml] FILE...` on the project's fixture labs,
// and the launcher's bundle cache (build/lab-cli.mjs).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURE_DIR } from "../../lab/make-fixtures";
import { runCli } from "./run-cli";

const TWO_DOMAINS = join(FIXTURE_DIR, "two-domains.pka");
const ONE_LAN = join(FIXTURE_DIR, "one-lan.pkt");
const CNAMES = join(FIXTURE_DIR, "dns-cnames.pkt");

describe("lab CLI", () => {
  it("--json prints one object per file with the agreed names", () => {
    const r = runCli(["--json", TWO_DOMAINS, CNAMES]);
    expect(r.status).toBe(0);
    expect(r.err).toEqual([]);
    expect(r.out).toHaveLength(2);
    const [pka, dns] = r.out.map((l) => JSON.parse(l));
    // The delivery matrix has its own tests (matrix-cli.test.ts): here, that it is there.
    const { matrix, causes, stored, warningPairs, leases, ...imported } = pka;
    expect([matrix.length, causes, stored.outcomes]).toEqual([6, [], 3]);
    // No warning makes a pair unknown, and no client asks DHCP, in this lab.
    expect([warningPairs.every((w: { pairs: string[] }) => !w.pairs.length), leases]).toEqual([true, []]);
    expect(imported).toEqual({
      file: TWO_DOMAINS,
      ok: true,
      ptVersion: "9.0.1.0858",
      kind: "pka",
      devices: [
        { name: "R1", model: "2911", power: true },
        { name: "SW-A", model: "2960-24TT", power: true },
        { name: "SW-B", model: "2960-24TT", power: true },
        { name: "DNS", model: "Server-PT", power: true },
        { name: "MAIL-A", model: "Server-PT", power: true },
        { name: "MAIL-B", model: "Server-PT", power: true },
        { name: "PC-Alice", model: "PC-PT", power: true },
        { name: "PC-Bob", model: "PC-PT", power: true },
      ],
      mailServers: [
        { device: "MAIL-A", domain: "alpha.edu", smtp: true, pop3: true, users: [{ name: "alice" }, { name: "carl" }] },
        { device: "MAIL-B", domain: "beta.org", smtp: true, pop3: true, users: [{ name: "bob" }] },
      ],
      dnsServers: [
        {
          device: "DNS",
          enabled: true,
          records: [
            { type: "A", name: "alpha.edu", address: "10.1.0.10" },
            { type: "A", name: "mail.alpha.edu", address: "10.1.0.10" },
            { type: "A", name: "beta.org", address: "10.2.0.10" },
            { type: "A", name: "mail.beta.org", address: "10.2.0.10" },
          ],
        },
      ],
      mailClients: [
        {
          device: "PC-Alice",
          mailId: "alice@alpha.edu",
          user: "alice",
          smtpServer: "mail.alpha.edu",
          pop3Server: "mail.alpha.edu",
        },
        {
          device: "PC-Bob",
          mailId: "bob@beta.org",
          user: "bob",
          smtpServer: "mail.beta.org",
          pop3Server: "mail.beta.org",
        },
      ],
      storedMails: 3,
      warnings: ["activity: only its current network is imported, not its initial or answer network or its grading"],
      // The exporter writes no file module (test/lab/embed.test.ts has labs that carry one).
      scriptModule: { present: false, scripts: [], interfaces: [], mailConsole: null },
    });
    expect(dns.kind).toBe("pkt");
    expect(dns.mailServers).toEqual([
      { device: "MAIL", domain: "corp.lab", smtp: true, pop3: false, users: [{ name: "dana" }, { name: "eli" }] },
    ]);
    expect(dns.dnsServers).toEqual([
      {
        device: "DNS1",
        enabled: true,
        records: [
          { type: "A", name: "srv.corp.lab", address: "192.168.1.20" },
          { type: "A", name: "corp.lab", address: "192.168.1.20" },
          { type: "CNAME", name: "mail.corp.lab", host: "srv.corp.lab" },
          { type: "CNAME", name: "smtp.corp.lab", host: "mail.corp.lab" },
        ],
      },
      { device: "DNS2", enabled: false, records: [{ type: "A", name: "mail.corp.lab", address: "192.168.1.99" }] },
    ]);
  });

  it("prints, per file, the version, devices, accounts, servers, records, stored mail and warnings", () => {
    const r = runCli([ONE_LAN]);
    expect(r.status).toBe(0);
    const text = r.out.join("\n");
    expect(r.out[0]).toBe(ONE_LAN + ": Packet Tracer 9.0.1.0858 .pkt");
    expect(text).toContain("Laptop-Cy (Laptop-PT, off)");
    expect(text).toContain("PC-Ben: ben@school.lab, user ben, SMTP 192.168.1.10, POP3 192.168.1.10");
    expect(text).toContain("SRV: domain school.lab, SMTP on, POP3 on, users ann, ben, cy");
    expect(text).toContain("SRV (on): A mail.school.lab → 192.168.1.10; A school.lab → 192.168.1.10");
    expect(text).toContain(
      'SRV mailbox ben: "Q&A <draft>" from ann@school.lab to ben@school.lab, Mon Jan 5 2026 09:15:00',
    );
    expect(text).toContain("warnings (0): none");
  });

  it("never prints a password", () => {
    const all = [...runCli([ONE_LAN, TWO_DOMAINS]).out, ...runCli(["--json", ONE_LAN, TWO_DOMAINS]).out].join("\n");
    for (const password of ["ann123", "ben123", "cy123", "alice1", "bob1", "carl1"])
      expect(all).not.toContain(password);
  });

  it("--xml prints the decoded XML", () => {
    const r = runCli(["--xml", ONE_LAN]);
    expect(r.status).toBe(0);
    expect(r.out[0].split("\n")[0]).toBe("<PACKETTRACER5>");
    expect(r.out.join("\n")).toContain("<MAIL_SUBJECT0>Q&amp;A &lt;draft></MAIL_SUBJECT0>");
  });

  it("answers a usage line for no files, an unknown option, or --json with --xml", () => {
    for (const args of [[], ["--yaml", ONE_LAN], ["--json", "--xml", ONE_LAN]]) {
      const r = runCli(args);
      expect(r.status).toBe(1);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toMatch(/usage: npm run lab -- \[--json \| --xml\] FILE\.\.\./);
    }
  });
});

describe("build/lab-cli.mjs", () => {
  it("bundles a tool once, and again only when a file it was made from changed", () => {
    const cache = mkdtempSync(join(tmpdir(), "lab-cli-cache-"));
    const run = () =>
      spawnSync(process.execPath, ["build/lab-cli.mjs", "--xml", ONE_LAN], {
        env: { ...process.env, LAB_CLI_CACHE: cache },
        encoding: "utf8",
      });
    const bundle = join(cache, "cli.cjs"),
      stampFile = join(cache, "cli.inputs.json");
    type Input = [file: string, hash: string, size: number, mtimeMs: number];
    const stamp = () => JSON.parse(readFileSync(stampFile, "utf8")) as { inputs: Input[] };
    const restamp = (change: (input: Input) => Input) => {
      const inputs = stamp().inputs.map((input) => (input[0] === "lab/codec/twofish.ts" ? change(input) : input));
      writeFileSync(stampFile, JSON.stringify({ ...stamp(), inputs }));
    };
    const twofish = () => stamp().inputs.find(([file]) => file === "lab/codec/twofish.ts");
    try {
      expect(run().stdout.split("\n")[0]).toBe("<PACKETTRACER5>");
      const built = statSync(bundle).mtimeMs;
      expect(twofish()).toBeDefined();
      // V8's code cache, made after the first run.
      expect(readdirSync(cache).filter((f) => f.endsWith(".v8"))).toHaveLength(1);
      expect(run().status).toBe(0);
      expect(statSync(bundle).mtimeMs).toBe(built);
      // Touched, not changed (another time, the same content): read, found the same, restamped.
      restamp(([file, hash, size]) => [file, hash, size, 1]);
      expect(run().status).toBe(0);
      expect(statSync(bundle).mtimeMs).toBe(built);
      expect(twofish()?.[3]).toBe(statSync("lab/codec/twofish.ts").mtimeMs);
      // Changed: another size and a fingerprint its content no longer has.
      restamp(([file]) => [file, "0:0", -1, 1]);
      expect(run().stdout.split("\n")[0]).toBe("<PACKETTRACER5>");
      expect(statSync(bundle).mtimeMs).toBeGreaterThan(built);
      expect(twofish()?.[1]).not.toBe("0:0");
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  }, 60000);
});
