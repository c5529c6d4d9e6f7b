// Turns one device of a TopologySpec into a SimDevice with its settings,
// services, users and records, as PT's file would hold them.
import { SimDevice } from "./device";
import type { DeviceHost } from "./device-host";
import type { SimPort } from "./device-state";
import type { DeviceSpec, DhcpSpec, HostSpec, RouterSpec, SwitchSpec } from "./spec";

export function buildDevice(world: DeviceHost, spec: DeviceSpec): SimDevice {
  const d = new SimDevice(world, spec.name, spec.kind);
  d.power = spec.power !== false;
  d.unmodeled = (spec.unmodeled || []).slice();
  const dhcp = "dhcpServer" in spec ? spec.dhcpServer : undefined;
  if (dhcp) d.dhcpServer = JSON.parse(JSON.stringify(dhcp)) as DhcpSpec;
  if (spec.kind === "router") {
    d.ports = spec.ports.map((p) => {
      const port: SimPort = { ip: p.ip, mask: p.mask, name: p.name, up: p.up !== false };
      if (p.helpers?.length) port.helpers = p.helpers.slice();
      if (p.aclIn) port.aclIn = p.aclIn;
      if (p.aclOut) port.aclOut = p.aclOut;
      const dot = (p.name || "").indexOf(".");
      if (p.vlan && dot > 0)
        port.vlan = { id: p.vlan.id, parent: (p.name || "").slice(0, dot), native: p.vlan.native === true };
      return port;
    });
    routesOf(d, spec);
    if (spec.acls) d.acls = JSON.parse(JSON.stringify(spec.acls)) as SimDevice["acls"];
  } else if (spec.kind === "switch") {
    // Named ports first ("SW1:2" cables ports[2]), then the SVIs, which no cable ends at.
    d.ports = (spec.ports || []).map((p) => {
      const port: SimPort = {
        ip: p.routed ? p.routed.ip : "",
        mask: p.routed ? p.routed.mask : "",
        name: p.name,
        up: p.up !== false,
      };
      if (p.switchport) port.switchport = Object.assign({}, p.switchport);
      if (p.routed) port.routed = true;
      if (p.aclIn) port.aclIn = p.aclIn;
      if (p.aclOut) port.aclOut = p.aclOut;
      return port;
    });
    for (const v of spec.svis || []) {
      const svi: SimPort = { ip: v.ip, mask: v.mask, name: "Vlan" + v.vlan, up: v.up !== false };
      svi.vlan = { id: v.vlan, parent: null, native: false };
      if (v.helpers?.length) svi.helpers = v.helpers.slice();
      if (v.aclIn) svi.aclIn = v.aclIn;
      if (v.aclOut) svi.aclOut = v.aclOut;
      d.ports.push(svi);
    }
    d.ipRouting = spec.ipRouting === true;
    if (spec.acls) d.acls = JSON.parse(JSON.stringify(spec.acls)) as SimDevice["acls"];
    if (spec.vlans) d.vlanDatabase = spec.vlans.slice();
    if (spec.wireless) d.wlans = spec.wireless.map((w) => Object.assign({}, w));
    d.home = spec.home === true;
    routesOf(d, spec);
  } else if (isHostSpec(spec)) {
    d.ports = [{ ip: spec.ip || "", mask: spec.mask || "255.255.255.0", up: true }];
    if (d.unmodeled.indexOf("wireless") >= 0 || spec.wireless) d.ports[0].name = "Wireless0";
    if (spec.wireless) d.wlan = Object.assign({}, spec.wireless);
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

function routesOf(d: SimDevice, spec: RouterSpec | SwitchSpec): void {
  d.staticRoutes = (spec.staticRoutes || []).map((r) => ({ network: r.network, mask: r.mask, nextHop: r.nextHop }));
  d.routedNetworks = (spec.routedNetworks || []).slice();
}

function isHostSpec(spec: DeviceSpec): spec is HostSpec {
  return spec.kind === "pc" || spec.kind === "laptop" || spec.kind === "server" || spec.kind === "printer";
}
