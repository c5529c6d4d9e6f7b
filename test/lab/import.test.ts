// The importer on hand-written XML shaped like PT's saves (element names and
// nesting from decoded PT 8.2/9.0 files; research/pt-labs-and-fidelity.md C3).
import { describe, expect, it } from "vitest";
import { importLab } from "../../lab/import/import-lab";
import { VirtualClock } from "../../sim/clock";
import { World } from "../../sim/world";

function port(type: string, fields: string): string {
  return `<PORT><TYPE>${type}</TYPE><POWER>true</POWER>${fields}</PORT>`;
}

function host(
  type: string,
  model: string,
  name: string,
  ref: number,
  portXml: string,
  rest = "",
  power = "true",
): string {
  return `<DEVICE><ENGINE><TYPE model="${model}" customModel="">${type}</TYPE><NAME translate="true">${name}</NAME><POWER>${power}</POWER>
<MODULE><TYPE>eNonRemovableModule</TYPE><SLOT><TYPE>ePtHostModule</TYPE><MODULE><TYPE>ePtHostModule</TYPE>${portXml}
${port("eBluetooth", "")}</MODULE></SLOT></MODULE>
<FILE_MANAGER><FILE><NAME>big listing we never read</NAME></FILE></FILE_MANAGER>
<SAVE_REF_ID>save-ref-id:${ref}</SAVE_REF_ID>${rest}</ENGINE><WORKSPACE><LOGICAL><X>1</X></LOGICAL></WORKSPACE></DEVICE>`;
}

function ios(type: string, model: string, name: string, ref: number, config: string): string {
  const lines = config
    .split("\n")
    .map((l) => `<LINE>${l}</LINE>`)
    .join("");
  return `<DEVICE><ENGINE><TYPE model="${model}">${type}</TYPE><NAME>${name}</NAME><POWER>true</POWER>
<SAVE_REF_ID>save-ref-id:${ref}</SAVE_REF_ID><RUNNINGCONFIG>${lines}</RUNNINGCONFIG></ENGINE></DEVICE>`;
}

function link(
  from: number,
  fromPort: string,
  to: number,
  toPort: string,
  type = "eCopper",
  cable = "eStraightThrough",
): string {
  return `<LINK><TYPE>${type}</TYPE><CABLE><LENGTH>1</LENGTH><FUNCTIONAL>true</FUNCTIONAL><FROM>save-ref-id:${from}</FROM><PORT>${fromPort}</PORT>
<TO>save-ref-id:${to}</TO><PORT>${toPort}</PORT><TYPE>${cable}</TYPE></CABLE></LINK>`;
}

const PC0 = host(
  "Pc",
  "PC-PT",
  "PC0",
  1,
  port(
    "eCopperFastEthernet",
    "<IP>192.168.1.11</IP><SUBNET>255.255.255.0</SUBNET><PORT_GATEWAY/><PORT_DNS/><PORT_DHCP_ENABLE>false</PORT_DHCP_ENABLE>",
  ),
  `<GATEWAY>192.168.1.1</GATEWAY><DNS_CLIENT><SERVER_IP>192.168.1.10</SERVER_IP></DNS_CLIENT>
<EMAIL_CLIENT><ENABLED>1</ENABLED><NAME>Ann</NAME><MAIL_ID>ann@school.lab</MAIL_ID><POP3_SERVER>pop.school.lab</POP3_SERVER>
<SMTP_SERVER>mail.school.lab</SMTP_SERVER><USER>ann</USER><PASSWORD>s3cret</PASSWORD><NO_OF_MAILS>1</NO_OF_MAILS>
<MAIL_FROM0>ben@school.lab</MAIL_FROM0><MAIL_RCPT0>ann@school.lab</MAIL_RCPT0><MAIL_SUBJECT0>Hi &amp; bye</MAIL_SUBJECT0>
<MAIL_CONTENT0>line one
line two</MAIL_CONTENT0><MAIL_DATE0>Wed Nov 19 2025</MAIL_DATE0><MAIL_TIME0>09:55:36</MAIL_TIME0></EMAIL_CLIENT>`,
);

// DHCP, no address saved (as PT does), switched off.
const PC1 = host(
  "Laptop",
  "Laptop-PT",
  "Laptop1",
  2,
  port(
    "eCopperFastEthernet",
    "<IP/><SUBNET/><PORT_GATEWAY>192.168.1.1</PORT_GATEWAY><PORT_DNS/><PORT_DHCP_ENABLE>true</PORT_DHCP_ENABLE>",
  ),
  "<GATEWAY/><DNS_CLIENT><SERVER_IP/></DNS_CLIENT><EMAIL_CLIENT><ENABLED>1</ENABLED><NAME/><MAIL_ID/><NO_OF_MAILS>0</NO_OF_MAILS></EMAIL_CLIENT>",
  "false",
);

const SERVER = host(
  "Server",
  "Server-PT",
  "SRV",
  3,
  port(
    "eCopperFastEthernet",
    "<IP>192.168.1.10</IP><SUBNET>255.255.255.0</SUBNET><PORT_GATEWAY>192.168.1.1</PORT_GATEWAY><PORT_DNS>192.168.1.10</PORT_DNS><PORT_DHCP_ENABLE>false</PORT_DHCP_ENABLE>",
  ),
  `<GATEWAY>192.168.1.1</GATEWAY><DNS_CLIENT><SERVER_IP>192.168.1.10</SERVER_IP></DNS_CLIENT>
<HTTP_SERVER><ENABLED>1</ENABLED></HTTP_SERVER><FTP_SERVER><ENABLED>0</ENABLED></FTP_SERVER>
<DNS_SERVER><ENABLED>1</ENABLED><NAMESERVER-DATABASE>
<RESOURCE-RECORD><TYPE>A-REC</TYPE><NAME>srv.school.lab</NAME><TTL>86400</TTL><IPADDRESS>192.168.1.10</IPADDRESS></RESOURCE-RECORD>
<RESOURCE-RECORD><TYPE>CNAME</TYPE><NAME>mail.school.lab</NAME><TTL>86400</TTL><HOSTNAME>srv.school.lab</HOSTNAME></RESOURCE-RECORD>
<RESOURCE-RECORD><TYPE>NS</TYPE><NAME>school.lab</NAME><TTL>86400</TTL><SERVER-NAME>srv</SERVER-NAME></RESOURCE-RECORD>
<RESOURCE-RECORD><TYPE>A-REC</TYPE><NAME>srv.school.lab</NAME><TTL>86400</TTL><IPADDRESS>192.168.1.99</IPADDRESS></RESOURCE-RECORD>
</NAMESERVER-DATABASE></DNS_SERVER>
<EMAIL_SERVER><SMTP_ENABLED>1</SMTP_ENABLED><SMTP_DOMAIN>school.lab</SMTP_DOMAIN><POP3_ENABLED>0</POP3_ENABLED><FORWARD_MAIL>0</FORWARD_MAIL>
<NO_OF_USERS>2</NO_OF_USERS><USER0>ann</USER0><PASSWORD0>s3cret</PASSWORD0><NO_OF_MAILS0>0</NO_OF_MAILS0>
<USER1>ben</USER1><PASSWORD1>b3n</PASSWORD1><NO_OF_MAILS1>2</NO_OF_MAILS1>
<MAIL_FROM0>ann@school.lab</MAIL_FROM0><MAIL_RCPT0>ben@school.lab</MAIL_RCPT0><MAIL_SUBJECT0>one</MAIL_SUBJECT0><MAIL_CONTENT0>1</MAIL_CONTENT0><MAIL_DATE0>Mon Nov 24 2025</MAIL_DATE0><MAIL_TIME0>10:40:04</MAIL_TIME0>
<MAIL_FROM1>Mail Delivery Subsystem</MAIL_FROM1><MAIL_RCPT1>ben@school.lab</MAIL_RCPT1><MAIL_SUBJECT1>two</MAIL_SUBJECT1><MAIL_CONTENT1>2</MAIL_CONTENT1><MAIL_DATE1>Mon Nov 24 2025</MAIL_DATE1><MAIL_TIME1>10:41:21</MAIL_TIME1>
</EMAIL_SERVER>`,
);

const R1 = ios(
  "Router",
  "2911",
  "R1",
  4,
  `!
interface GigabitEthernet0/0
 ip address 192.168.1.1 255.255.255.0
!
interface GigabitEthernet0/1
 ip address 10.0.0.1 255.255.255.252
 shutdown
!
interface GigabitEthernet0/2
 no ip address
!
ip route 10.2.0.0 255.255.0.0 10.0.0.2
router rip
 network 192.168.1.0
access-list 1 permit any`,
);

const SW1 = ios(
  "Switch",
  "2960-24TT",
  "SW1",
  5,
  `!
interface FastEthernet0/1
!
interface FastEthernet0/2
 shutdown
!
interface FastEthernet0/3
!
interface GigabitEthernet0/1
 switchport mode trunk`,
);

const PHONE = `<DEVICE><ENGINE><TYPE model="7960">IpPhone</TYPE><NAME>Phone0</NAME><POWER>true</POWER><SAVE_REF_ID>save-ref-id:6</SAVE_REF_ID></ENGINE></DEVICE>`;
const R2 = ios("Router", "2911", "R2", 7, "interface GigabitEthernet0/1\n ip address 10.0.0.2 255.255.255.252");

function network(devices: string[], links: string[]): string {
  return `<PACKETTRACER5>\n <VERSION>8.2.2.0400</VERSION>\n <PIXMAPBANK><IMAGE>AAAA</IMAGE></PIXMAPBANK>\n <NETWORK>\n  <DEVICES>${devices.join("\n")}</DEVICES>\n  <LINKS>${links.join("\n")}</LINKS>\n </NETWORK>\n <OPTIONS><X/></OPTIONS>\n</PACKETTRACER5>\n`;
}

const LAB = network(
  [PC0, PC1, SERVER, R1, SW1, PHONE, R2],
  [
    link(1, "FastEthernet0", 5, "FastEthernet0/1"),
    link(2, "FastEthernet0", 5, "FastEthernet0/2"),
    link(3, "FastEthernet0", 5, "FastEthernet0/3"),
    link(4, "GigabitEthernet0/0", 5, "GigabitEthernet0/1"),
    link(4, "GigabitEthernet0/1", 7, "GigabitEthernet0/1", "eCopper", "eCrossOver"),
    link(4, "GigabitEthernet0/2", 5, "FastEthernet0/4"),
    link(6, "Switch", 5, "FastEthernet0/5"),
    link(1, "RS 232", 4, "Console", "eCopper", "eRollOver"),
    link(1, "FastEthernet0", 7, "GigabitEthernet0/0"),
  ],
);

describe("importLab", () => {
  const lab = importLab(LAB, "pkt", "school");
  const byName = (name: string) => lab.spec.devices.filter((d) => d.name === name)[0] as any;

  it("reads the version, every device with its PT model and power, and maps kinds", () => {
    expect(lab.ptVersion).toBe("8.2.2.0400");
    expect(lab.devices.map((d) => [d.name, d.model, d.power])).toEqual([
      ["PC0", "PC-PT", true],
      ["Laptop1", "Laptop-PT", false],
      ["SRV", "Server-PT", true],
      ["R1", "2911", true],
      ["SW1", "2960-24TT", true],
      ["Phone0", "7960", true],
      ["R2", "2911", true],
    ]);
    expect(lab.spec.devices.map((d) => [d.name, d.kind])).toEqual([
      ["PC0", "pc"],
      ["Laptop1", "laptop"],
      ["SRV", "server"],
      ["R1", "router"],
      ["SW1", "switch"],
      ["Phone0", "switch"], // a kind not modeled: kept for its cables, its paths unknown
      ["R2", "router"],
    ]);
    expect(byName("Phone0").unmodeled).toEqual(["device type IpPhone"]);
  });

  it("reads host addressing, the engine-level gateway and DNS first, and DHCP", () => {
    expect(byName("PC0")).toMatchObject({
      ip: "192.168.1.11",
      mask: "255.255.255.0",
      gateway: "192.168.1.1",
      dns: "192.168.1.10",
    });
    expect(byName("PC0").dhcp).toBeUndefined();
    expect(byName("Laptop1")).toEqual({
      name: "Laptop1",
      kind: "laptop",
      gateway: "192.168.1.1",
      dhcp: true,
      power: false,
    });
  });

  it("reads the Email account and its stored inbox, joining PT's date and time", () => {
    expect(byName("PC0").email).toEqual({
      name: "Ann",
      mailId: "ann@school.lab",
      user: "ann",
      password: "s3cret",
      smtp: "mail.school.lab",
      pop3: "pop.school.lab",
      inbox: [
        {
          from: "ben@school.lab",
          rcpt: "ann@school.lab",
          subject: "Hi & bye",
          content: "line one\nline two",
          dateTime: "Wed Nov 19 2025 09:55:36",
        },
      ],
    });
    expect(byName("Laptop1").email).toBeUndefined();
  });

  it("reads the mail server: switches, domain, users, and mailboxes whose mail numbering restarts per user", () => {
    expect(byName("SRV").mailServer).toEqual({
      domain: "school.lab",
      smtp: true,
      pop3: false,
      users: { ann: "s3cret", ben: "b3n" },
      mailboxes: {
        ben: [
          {
            from: "ann@school.lab",
            rcpt: "ben@school.lab",
            subject: "one",
            content: "1",
            dateTime: "Mon Nov 24 2025 10:40:04",
          },
          {
            from: "Mail Delivery Subsystem",
            rcpt: "ben@school.lab",
            subject: "two",
            content: "2",
            dateTime: "Mon Nov 24 2025 10:41:21",
          },
        ],
      },
    });
    expect(lab.storedMails).toBe(3);
  });

  it("reads DNS A and CNAME records, keeping the first of two A records for one name", () => {
    expect(byName("SRV").dnsServer).toEqual({
      on: true,
      records: { "srv.school.lab": "192.168.1.10" },
      cnames: { "mail.school.lab": "srv.school.lab" },
    });
  });

  it("keeps every record as the file holds it, the second A record for one name included, for the CLI", () => {
    expect(lab.devices.find((d) => d.name === "SRV")?.dnsRecords).toEqual([
      { type: "A", name: "srv.school.lab", address: "192.168.1.10" },
      { type: "CNAME", name: "mail.school.lab", host: "srv.school.lab" },
      { type: "A", name: "srv.school.lab", address: "192.168.1.99" },
    ]);
  });

  it("reads routers from their running-config: addressed ports, shutdown, static and routed networks", () => {
    expect(byName("R1")).toEqual({
      name: "R1",
      kind: "router",
      ports: [
        { ip: "192.168.1.1", mask: "255.255.255.0", name: "GigabitEthernet0/0" },
        { ip: "10.0.0.1", mask: "255.255.255.252", name: "GigabitEthernet0/1", up: false },
        { ip: "", mask: "", name: "GigabitEthernet0/2" },
      ],
      staticRoutes: [{ network: "10.2.0.0", mask: "255.255.0.0", nextHop: "10.0.0.2" }],
      routedNetworks: ["192.168.1.0/24"],
    });
  });

  it("reads links by SAVE_REF_ID and port name; a link is up when both its ports are", () => {
    expect(lab.spec.links).toEqual([
      ["PC0", "SW1"],
      ["Laptop1", "SW1", { up: false }], // SW1 FastEthernet0/2 is shut down
      ["SRV", "SW1"],
      ["R1:0", "SW1:0"], // SW1 GigabitEthernet0/1 is configured (a trunk): its port by name, spec.ports[0]
      ["R1:1", "R2:0", { up: false }], // R1 GigabitEthernet0/1 is shut down
      ["R1:2", "SW1"], // a cabled port without an address still joins
      ["Phone0", "SW1"],
    ]);
  });

  it("reads a switch's configured ports: VLANs are modeled", () => {
    expect(lab.spec.devices.find((d) => d.name === "SW1")).toEqual({
      name: "SW1",
      kind: "switch",
      ports: [{ name: "GigabitEthernet0/1", switchport: { mode: "trunk", access: 1, native: 1, allowed: null } }],
    });
  });

  it("warns, naming the device, about all it leaves out", () => {
    expect(lab.warnings).toEqual([
      "Laptop1: takes its address by DHCP and the file holds none: its lease is inferred (sim/dhcp.ts)",
      "SRV: DNS NS record school.lab is not modeled",
      "SRV: two DNS A records for srv.school.lab (192.168.1.10, 192.168.1.99): the model uses the first, 192.168.1.10; which one PT answers with is not known (inferred)",
      "SRV: HTTP service is on but not simulated",
      "Phone0: IpPhone (7960) is not modeled: paths over it are unknown",
      "PC0: the RollOver cable PC0 RS 232 — R1 Console is not modeled",
      "PC0: only its first cable is modeled; the one on FastEthernet0 is dropped",
    ]);
  });

  it("gives a spec the simulator loads", () => {
    const world = new World({ clock: new VirtualClock() });
    world.load(lab.spec);
    expect(world.devices.map((d) => d.name)).toEqual(["PC0", "Laptop1", "SRV", "R1", "SW1", "Phone0", "R2"]);
    expect(world.device("SRV")!.mail!.server.hasUser("ben")).toBe(true);
    expect(world.links.filter((l) => !l.up)).toHaveLength(2);
  });

  it("imports only the current network of an activity", () => {
    const other = network([R2], []);
    const pka = `<PACKETTRACER5_ACTIVITY>\n <VERSION>9.0.0.0810</VERSION>\n${LAB}${other}${other}<COMPARISONS><NODE/></COMPARISONS></PACKETTRACER5_ACTIVITY>`;
    const activity = importLab(pka, "pka");
    expect(activity.ptVersion).toBe("9.0.0.0810");
    expect(activity.spec.devices.map((d) => d.name)).toEqual(lab.spec.devices.map((d) => d.name));
    expect(activity.warnings[0]).toMatch(/^activity: only its current network/);
  });

  it("groups one message about several devices into one line", () => {
    const two = network([SERVER, SERVER.replace(/SRV/g, "SRV2").replace("save-ref-id:3", "save-ref-id:9")], []);
    expect(importLab(two, "pkt").warnings.filter((w) => /HTTP/.test(w))).toEqual([
      "SRV, SRV2: HTTP service is on but not simulated",
    ]);
  });
});
