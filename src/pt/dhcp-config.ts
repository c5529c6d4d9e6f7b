// DHCP as a device's saved or serialized configuration holds it, for both
// producers (lab-reader.ts live, lab/import/ saved labs): a router's IOS
// `ip dhcp pool` blocks, `ip dhcp excluded-address` and `ip helper-address`
// [pkt: RUNNINGCONFIG in 21 of the decoded public labs], and a Server-PT's
// Services > DHCP in serializeToXml() (DHCP_SERVERS/ASSOCIATED_PORTS/
// ASSOCIATED_PORT/DHCP_SERVER{ENABLED, POOLS/POOL{NAME, NETWORK, MASK,
// DEFAULT_ROUTER, START_IP, DNS_SERVER, MAX_USERS}} [pkt 8.x, 9.x]).
import { ipText, parseIp } from "../model/addresses";
import type { DhcpPool, DhcpServerFacts } from "../model/snapshot";

const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** IOS pools (start: the network's first host; max: its hosts) and the helper addresses per interface. */
export function dhcpOfConfig(lines: string[]): {
  server: DhcpServerFacts | "none";
  helpers: { [port: string]: string[] };
} {
  const pools: DhcpPool[] = [];
  const excluded: { low: string; high: string }[] = [];
  const helpers: { [port: string]: string[] } = {};
  let pool: DhcpPool | null = null;
  let port = "";
  for (const raw of lines) {
    const w = raw.trim().split(/\s+/);
    if (!/^\s/.test(raw)) {
      pool = null;
      port = w[0] === "interface" ? w.slice(1).join("") : "";
      if (w[0] === "ip" && w[1] === "dhcp" && w[2] === "pool" && w[3]) {
        pool = { name: w[3], network: "", mask: "", start: "", max: 0, gateway: "", dns: "" };
        pools.push(pool);
      } else if (w[0] === "ip" && w[1] === "dhcp" && w[2] === "excluded-address" && IPV4.test(w[3] || ""))
        excluded.push({ low: w[3], high: IPV4.test(w[4] || "") ? w[4] : w[3] });
    } else if (pool && w[0] === "network") {
      // `network N M` as the running configuration writes it (a `/len` typed is saved as a mask [inf]).
      const net = parseIp(w[1] || "");
      const size = 4294967296 - (parseIp(w[2] || "") || 0);
      if (net !== null && size > 2 && size < 4294967296) {
        pool.network = w[1];
        pool.mask = w[2];
        pool.start = ipText(net - (net % size) + 1);
        pool.max = size - 2;
      }
    } else if (pool && w[0] === "default-router") pool.gateway = w[1] || "";
    else if (pool && w[0] === "dns-server") pool.dns = w[1] || "";
    else if (port && w[0] === "ip" && w[1] === "helper-address" && IPV4.test(w[2] || ""))
      helpers[port] = (helpers[port] || []).concat([w[2]]);
  }
  const leasing = pools.filter((p) => p.network);
  return { server: leasing.length ? { on: true, pools: leasing, excluded } : "none", helpers };
}

/** A Server-PT's DHCP service from serializeToXml(); "none" when the text has no DHCP_SERVERS. */
export function dhcpOfServerXml(xml: string): DhcpServerFacts | "none" {
  const open = xml.indexOf("<DHCP_SERVERS>");
  if (open < 0) return "none";
  const close = xml.indexOf("</DHCP_SERVERS>", open);
  const body = xml.slice(open, close < 0 ? xml.length : close);
  // PT writes 0.0.0.0 for a gateway or DNS server not handed out: "" here, as in the rest of the snapshot.
  const field = (el: string, tag: string) => {
    const at = el.indexOf("<" + tag + ">");
    const v = at < 0 ? "" : el.slice(at + tag.length + 2, el.indexOf("<", at + 1)).trim();
    return v === "0.0.0.0" ? "" : v;
  };
  const facts: DhcpServerFacts = { on: false, pools: [], excluded: [] };
  for (const s of inside(body, "DHCP_SERVER")) {
    // One service per port (PT 8.x/9.x); it is on when any port's is.
    if (/^(1|true)$/.test(field(s, "ENABLED"))) facts.on = true;
    for (const p of inside(s, "POOL"))
      facts.pools.push({
        name: field(p, "NAME"),
        network: field(p, "NETWORK"),
        mask: field(p, "MASK"),
        start: field(p, "START_IP"),
        max: Number(field(p, "MAX_USERS")) || 0,
        gateway: field(p, "DEFAULT_ROUTER"),
        dns: field(p, "DNS_SERVER"),
      });
  }
  return facts;
}

/** The text inside each <tag>…</tag>, in order. indexOf, not a lazy pattern: that was quadratic on unclosed tags (issue 27). */
function inside(text: string, tag: string): string[] {
  const out: string[] = [];
  for (let at = text.indexOf("<" + tag + ">"); at >= 0; ) {
    const from = at + tag.length + 2;
    const end = text.indexOf("</" + tag + ">", from);
    if (end < 0) break;
    out.push(text.slice(from, end));
    at = text.indexOf("<" + tag + ">", end);
  }
  return out;
}
