// Access lists: the one parser both producers use (src/pt/acl-config.ts) and
// what the model makes of a list on a router the way crosses (src/model/acl.ts
// through reachAddress). Each expectation is IOS's documented rule, written by
// hand: first matching line wins, an implicit deny ends every list, a standard
// list matches the source only, `established` matches only answers (ACK set),
// an `in` list filters what enters its interface and an `out` list what leaves.
import { describe, expect, it } from "vitest";
import { type DeviceFacts, indexTopology, type PortFacts, reachAddress, type Snapshot } from "../../src/model";
import { DNS, SMTP } from "../../src/model/acl";
import { aclOfConfig } from "../../src/pt/acl-config";
import { unmodeledOf } from "../../src/pt/unmodeled";
import { cable, device, port as facts } from "../helpers/facts";

describe("parsing access lists from the running configuration", () => {
  it("numbered standard and extended lists, each line with its addresses and ports", () => {
    const c = aclOfConfig([
      "access-list 1 permit 10.1.0.0 0.0.0.255",
      "access-list 1 deny 10.2.0.5",
      "access-list 1 permit any log",
      "access-list 1300 deny host 10.9.9.9",
      "access-list 101 remark mail only",
      "access-list 101 permit tcp 10.1.0.0 0.0.0.255 host 10.3.0.10 eq smtp",
      "access-list 101 permit udp any eq domain any gt 1023",
      "access-list 101 deny tcp any any neq 110",
      "access-list 101 permit tcp any any range 20 ftp",
      "access-list 101 permit tcp any eq www any established",
      "access-list 101 deny icmp host 10.1.0.2 any echo",
      "access-list 2000 permit 6 any any lt 1024",
    ]);
    expect(c.acls["1"]).toEqual({
      standard: true,
      entries: [
        {
          text: "permit 10.1.0.0 0.0.0.255",
          permit: true,
          proto: "ip",
          src: "10.1.0.0 0.0.0.255",
          dst: "0.0.0.0 255.255.255.255",
        },
        { text: "deny 10.2.0.5", permit: false, proto: "ip", src: "10.2.0.5 0.0.0.0", dst: "0.0.0.0 255.255.255.255" },
        {
          text: "permit any log",
          permit: true,
          proto: "ip",
          src: "0.0.0.0 255.255.255.255",
          dst: "0.0.0.0 255.255.255.255",
        },
      ],
    });
    expect(c.acls["1300"].standard).toBe(true);
    const e = c.acls["101"].entries;
    expect(c.acls["101"].standard).toBe(false);
    expect(e.map((x) => x.text)).toEqual([
      "permit tcp 10.1.0.0 0.0.0.255 host 10.3.0.10 eq smtp",
      "permit udp any eq domain any gt 1023",
      "deny tcp any any neq 110",
      "permit tcp any any range 20 ftp",
      "permit tcp any eq www any established",
      "deny icmp host 10.1.0.2 any echo",
    ]);
    expect(e[0]).toMatchObject({
      proto: "tcp",
      src: "10.1.0.0 0.0.0.255",
      dst: "10.3.0.10 0.0.0.0",
      dstPorts: [25, 25],
    });
    expect(e[0].srcPorts).toBeUndefined();
    expect(e[1]).toMatchObject({ proto: "udp", srcPorts: [53, 53], dstPorts: [1024, 65535] });
    expect(e[2].dstPorts).toEqual([0, 109, 111, 65535]);
    expect(e[3].dstPorts).toEqual([20, 21]);
    expect(e[4]).toMatchObject({ srcPorts: [80, 80], established: true });
    expect(e[5]).toMatchObject({ proto: "icmp", permit: false });
    expect(e.some((x) => x.unknown)).toBe(false);
    expect(c.acls["2000"].entries[0]).toMatchObject({ proto: "tcp", dstPorts: [0, 1023] });
    expect(c.unmodeled).toEqual([]);
  });

  it("named lists with sequence numbers and remarks, and each interface's access-group", () => {
    const c = aclOfConfig([
      "interface GigabitEthernet0/0",
      " ip address 10.1.0.1 255.255.255.0",
      " ip access-group MAIL in",
      " ip access-group 5 out",
      "!",
      "interface GigabitEthernet0/0.10",
      " ip access-group MAIL out",
      "!",
      "ip access-list extended MAIL",
      " remark keep SMTP apart",
      " 10 deny tcp host 10.1.0.2 any eq smtp",
      " 20 permit ip any any",
      "ip access-list standard 5",
      " permit host 10.1.0.2",
    ]);
    expect(c.ports).toEqual({
      "GigabitEthernet0/0": { in: "MAIL", out: "5" },
      "GigabitEthernet0/0.10": { out: "MAIL" },
    });
    expect(c.acls.MAIL.entries.map((x) => x.text)).toEqual(["deny tcp host 10.1.0.2 any eq smtp", "permit ip any any"]);
    expect(c.acls["5"]).toMatchObject({ standard: true, entries: [{ src: "10.1.0.2 0.0.0.0" }] });
    expect(c.unmodeled).toEqual([]);
  });

  it("names are lab text: `__proto__` reaches no prototype", () => {
    const c = aclOfConfig([
      "interface __proto__",
      " ip access-group 1 in",
      "interface GigabitEthernet0/0",
      " ip access-group __proto__ in",
      "ip access-list extended __proto__",
      " permit ip any any",
      "access-list 101 permit __proto__ any any",
    ]);
    expect(Object.keys(c.ports)).toEqual(["GigabitEthernet0/0"]);
    expect(Object.keys(c.acls)).toEqual(["101"]);
    expect(c.unmodeled).toEqual(["undefined ACL __proto__"]);
    expect(({} as { in?: string }).in).toBeUndefined();
    expect(c.acls["101"].entries[0]).toMatchObject({ proto: "__proto__", unknown: "__proto__" });
  });

  it("what an applied list holds that cannot be evaluated is named; an unapplied list is not", () => {
    const lines = [
      "interface GigabitEthernet0/0",
      " ip access-group 101 in",
      " ip access-group 150 out",
      "interface GigabitEthernet0/1",
      " ip access-group OUT in",
      "access-list 101 permit tcp any any eq smtp time-range WORK",
      "access-list 102 permit tcp any any eq nosuchport",
      "ip access-list extended OUT",
      " permit tcp any any reflect BACK",
      " evaluate BACK",
    ];
    const c = aclOfConfig(lines);
    expect(c.unmodeled).toEqual([
      "`time-range` in ACL 101",
      "undefined ACL 150",
      "`reflect` in ACL OUT",
      "`evaluate` in ACL OUT",
    ]);
    expect(c.acls["102"].entries[0].unknown).toBe("nosuchport");
    // The same labels reach both producers through the one table (src/pt/unmodeled.ts).
    expect(unmodeledOf(lines)).toEqual(c.unmodeled);
  });
});

const port = (name: string, ip: string, acl: Partial<PortFacts> = {}) => facts(name, ip, "255.255.255.0", acl);
const host = (name: string, ip: string, gateway: string): DeviceFacts =>
  device(name, name === "SRV" ? "server" : "pc", [port("FastEthernet0", ip)], { gateway });

/** PC-A 10.1.0.2 — Gi0/0 R1 Gi0/1 — SRV 10.3.0.10, with lists on R1's ports. */
function lab(config: string[], gi0: Partial<PortFacts>, gi1: Partial<PortFacts> = {}): Snapshot {
  return {
    devices: [
      host("PC-A", "10.1.0.2", "10.1.0.1"),
      {
        name: "R1",
        kind: "router",
        power: true,
        ports: [port("GigabitEthernet0/0", "10.1.0.1", gi0), port("GigabitEthernet0/1", "10.3.0.1", gi1)],
        gateway: "",
        dnsServer: "",
        arp: "",
        mail: "none",
        dns: "none",
        routing: { staticRoutes: [], routedNetworks: [] },
        acls: aclOfConfig(config).acls,
      },
      host("SRV", "10.3.0.10", "10.3.0.1"),
    ],
    links: [
      cable("PC-A", "FastEthernet0", "R1", "GigabitEthernet0/0"),
      cable("R1", "GigabitEthernet0/1", "SRV", "FastEthernet0"),
    ],
  };
}

const smtp = (s: Snapshot) => reachAddress(indexTopology(s), "PC-A", "10.3.0.10", SMTP);
const dns = (s: Snapshot) => reachAddress(indexTopology(s), "PC-A", "10.3.0.10", DNS);
const kind = (r: { kind: string }) => r.kind;

describe("what a router's access list does to a mail's flows", () => {
  it("first match wins: a deny before a permit drops SMTP and names the line and the interface", () => {
    const s = lab(["access-list 101 deny tcp any host 10.3.0.10 eq smtp", "access-list 101 permit ip any any"], {
      aclIn: "101",
    });
    expect(smtp(s)).toEqual({
      kind: "fail",
      cause:
        "R1's access list 101 line 1 (`deny tcp any host 10.3.0.10 eq smtp`) drops SMTP from PC-A to 10.3.0.10 entering GigabitEthernet0/0",
      fix: "add `permit tcp … eq smtp` before line 1 of R1's access list 101, or remove `ip access-group 101 in` from R1 GigabitEthernet0/0",
    });
    expect(kind(dns(s))).toBe("ok");
  });

  it("a permit before the deny lets it through", () => {
    const s = lab(["access-list 101 permit tcp any any eq 25", "access-list 101 deny ip any any"], { aclIn: "101" });
    expect(kind(smtp(s))).toBe("ok");
    expect(dns(s)).toMatchObject({ kind: "fail", cause: expect.stringContaining("line 2 (`deny ip any any`)") });
  });

  it("the implicit deny drops what no line permits", () => {
    const s = lab(["access-list 101 permit udp any any eq domain"], { aclIn: "101" });
    expect(kind(dns(s))).toBe("ok");
    expect(smtp(s)).toMatchObject({
      kind: "fail",
      cause: "R1's access list 101 drops SMTP from PC-A to 10.3.0.10 entering GigabitEthernet0/0: no line permits it",
    });
  });

  it("wildcard masks: 10.1.0.0 0.0.0.3 holds .2, 10.1.0.4 0.0.0.3 does not", () => {
    const holds = lab(["access-list 1 permit 10.1.0.0 0.0.0.3"], { aclIn: "1" });
    const misses = lab(["access-list 1 permit 10.1.0.4 0.0.0.3"], { aclIn: "1" });
    expect(kind(smtp(holds))).toBe("ok");
    expect(smtp(misses)).toMatchObject({ kind: "fail", cause: expect.stringContaining("no line permits it") });
  });

  it("a standard list matches the source only: it drops DNS as well as SMTP", () => {
    const s = lab(["access-list 10 deny host 10.1.0.2", "access-list 10 permit any"], {}, { aclOut: "10" });
    const cause =
      "R1's access list 10 line 1 (`deny host 10.1.0.2`) drops DNS from PC-A to 10.3.0.10 leaving GigabitEthernet0/1";
    expect(dns(s)).toEqual({
      kind: "fail",
      cause,
      fix: "add `permit host 10.1.0.2` before line 1 of R1's access list 10, or remove `ip access-group 10 out` from R1 GigabitEthernet0/1",
    });
    expect(kind(smtp(s))).toBe("fail");
  });

  it("in versus out: a list filters only its own direction, and the answers cross it the other way", () => {
    const config = ["access-list 101 deny tcp any any eq smtp", "access-list 101 permit ip any any"];
    // Out on the client's side: the query enters there, the answer (source port 25) leaves there.
    expect(kind(smtp(lab(config, { aclOut: "101" })))).toBe("ok");
    // In on the server's side: the query leaves there; its answer enters with source port 25, not to it.
    expect(kind(smtp(lab(config, {}, { aclIn: "101" })))).toBe("ok");
    // Out on the server's side: the query leaves there and is dropped.
    expect(smtp(lab(config, {}, { aclOut: "101" }))).toMatchObject({
      kind: "fail",
      cause: expect.stringContaining("leaving GigabitEthernet0/1"),
    });
  });

  it("a standard list out toward the clients, naming only their network, drops the server's answers", () => {
    const s = lab(["access-list 1 permit 10.1.0.0 0.0.0.255"], { aclOut: "1" });
    expect(smtp(s)).toEqual({
      kind: "fail",
      cause:
        "replies from SRV (10.3.0.10) to PC-A are lost: R1's access list 1 drops SMTP replies from SRV to 10.1.0.2 " +
        "leaving GigabitEthernet0/0: no line permits it",
      fix: "add `permit host 10.3.0.10` to R1's access list 1, or remove `ip access-group 1 out` from R1 GigabitEthernet0/0",
    });
  });

  it("`established` lets the answers back in, never the opening of a connection", () => {
    const back = ["access-list 110 permit tcp any eq smtp any established"];
    // On the server's side, in: only answers come that way.
    expect(kind(smtp(lab(back, {}, { aclIn: "110" })))).toBe("ok");
    // On the client's side, in: the SYN carries no ACK, so the implicit deny drops it.
    expect(smtp(lab(["access-list 110 permit tcp any any established"], { aclIn: "110" }))).toMatchObject({
      kind: "fail",
      cause: expect.stringContaining("no line permits it"),
    });
    // UDP has no connection: the DNS answer needs its own line.
    expect(dns(lab(back, {}, { aclIn: "110" }))).toMatchObject({
      kind: "fail",
      cause: expect.stringMatching(
        /^replies from SRV \(10\.3\.0\.10\) to PC-A are lost: R1's access list 110 drops DNS replies/,
      ),
    });
  });

  it("named lists are looked up by name", () => {
    const s = lab(
      ["ip access-list extended NO_MAIL", " 10 deny tcp host 10.1.0.2 any eq smtp", " 20 permit ip any any"],
      {
        aclIn: "NO_MAIL",
      },
    );
    expect(smtp(s)).toMatchObject({ cause: expect.stringContaining("R1's access list NO_MAIL line 1") });
  });

  it("a line that depends on the client's own port, a list not read, or no flow at all: unknown", () => {
    // The client's port is PT's choice (1025 and up): `range 1000 2000` may or may not hold it.
    const partly = lab(["access-list 101 permit tcp any range 1000 2000 any eq smtp"], { aclIn: "101" });
    expect(kind(smtp(partly))).toBe("unknown");
    // An unknown port name could be 25: the line may match, so the answer is unknown, not a pass.
    const named = lab(["access-list 101 deny tcp any any eq nosuchport", "access-list 101 permit ip any any"], {
      aclIn: "101",
    });
    expect(kind(smtp(named))).toBe("unknown");
    // A line for another protocol says nothing to SMTP, even with a word not understood.
    const other = lab(["access-list 101 deny udp any any eq nosuchport", "access-list 101 permit ip any any"], {
      aclIn: "101",
    });
    expect(kind(smtp(other))).toBe("ok");
    // `gt 1024` holds every port PT picks: a match.
    expect(kind(smtp(lab(["access-list 101 permit tcp any gt 1024 any eq smtp"], { aclIn: "101" })))).toBe("ok");
    // IOS permits all through a list applied but not defined; PT was not seen doing so.
    expect(smtp(lab([], { aclIn: "101" }))).toEqual({
      kind: "unknown",
      what: "what R1's access list 101, applied but not defined, lets through",
    });
    const unread = lab([], { aclIn: "101" });
    unread.devices[1].acls = null;
    expect(smtp(unread)).toEqual({ kind: "unknown", what: "R1's access list 101 could not be read" });
    const noFlow = reachAddress(indexTopology(lab(["access-list 1 permit any"], { aclIn: "1" })), "PC-A", "10.3.0.10");
    expect(kind(noFlow)).toBe("unknown");
  });
});
