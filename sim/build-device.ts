// Turns one device of a TopologySpec into a SimDevice with its settings,
// services, users and records, as PT's file would hold them.
import { SimDevice } from "./device";
import type { DeviceSpec, DhcpSpec, HostSpec } from "./spec";
import type { World } from "./world";

export function buildDevice(world: World, spec: DeviceSpec): SimDevice {
  const d = new SimDevice(world, spec.name, spec.kind);
  d.power = spec.power !== false;
  d.unmodeled = (spec.unmodeled || []).slice();
  const dhcp = "dhcpServer" in spec ? spec.dhcpServer : undefined;
  if (dhcp) d.dhcpServer = JSON.parse(JSON.stringify(dhcp)) as DhcpSpec;
  if (spec.kind === "router") {
    d.ports = spec.ports.map((p) =>
      p.helpers?.length
        ? { ip: p.ip, mask: p.mask, name: p.name, up: p.up !== false, helpers: p.helpers.slice() }
        : { ip: p.ip, mask: p.mask, name: p.name, up: p.up !== false },
    );
    d.staticRoutes = (spec.staticRoutes || []).map((r) => ({ network: r.network, mask: r.mask, nextHop: r.nextHop }));
    d.routedNetworks = (spec.routedNetworks || []).slice();
  } else if (isHostSpec(spec)) {
    d.ports = [{ ip: spec.ip || "", mask: spec.mask || "255.255.255.0", up: true }];
    if (d.unmodeled.indexOf("wireless") >= 0) d.ports[0].name = "Wireless0";
    d.dhcp = !!spec.dhcp;
    d.gateway = spec.gateway || "";
    d.dnsServer = spec.dns || "";
    if (spec.email && d.email) {
      const u = d.email.user;
      u.name = spec.email.name || spec.name;
      u.mailId = spec.email.mailId;
      u.user = spec.email.user;
      u.password = spec.email.password;
      u.smtpServer = spec.email.smtp;
      u.pop3Server = spec.email.pop3 || spec.email.smtp;
      for (const m of spec.email.inbox || []) d.email.inbox.push(Object.assign({}, m));
    }
    if (spec.mailServer && d.mail) {
      d.mail.smtp.domain = spec.mailServer.domain.toLowerCase();
      d.mail.smtp.enabled = spec.mailServer.smtp !== false;
      d.mail.pop3.enabled = spec.mailServer.pop3 !== false;
      for (const user of Object.keys(spec.mailServer.users)) d.mail.server.addUser(user, spec.mailServer.users[user]);
      const boxes = spec.mailServer.mailboxes || {};
      for (const user of Object.keys(boxes))
        for (const m of boxes[user]) d.mail.server.deliver(user, Object.assign({}, m));
    }
    if (spec.dnsServer && d.dns) {
      d.dns.enabled = spec.dnsServer.on !== false;
      for (const name of Object.keys(spec.dnsServer.records))
        d.dns.addARecordToNameServerDb(name, spec.dnsServer.records[name]);
      const cnames = spec.dnsServer.cnames || {};
      for (const alias of Object.keys(cnames)) d.dns.addCNameRecordToNameServerDb(alias, cnames[alias]);
    }
  }
  return d;
}

function isHostSpec(spec: DeviceSpec): spec is HostSpec {
  return spec.kind === "pc" || spec.kind === "laptop" || spec.kind === "server" || spec.kind === "printer";
}
