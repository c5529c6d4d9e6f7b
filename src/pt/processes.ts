// The host-side processes a lab read needs, reached by Device.getProcess(name)
// (class_device.html: "Process" may be appended or left off). A bad name gives
// null or a throw (pt-labs-and-fidelity.md B1): callers guard both.

/** getProcess("HostIp") [doc class_host_ip.html]: end devices only. */
export interface HostIp {
  /** "0.0.0.0" when unset [inf, as DnsClient]. */
  getDefaultGateway(): string;
}

/** getProcess("DnsClient") [doc class_dns_client.html; live 9.0.1.0858]. */
export interface DnsClient {
  /** "0.0.0.0" when unset [live 9.0.1.0858, pt-script-modules.md A.4]. */
  getServerIp(): string;
}

/** getProcess("Arp") [doc class_arp_process.html]. */
export interface ArpProcess {
  getArpTable(): ArpTable;
}

/** struct_arp_table.html, struct_arp_entry.html [doc]: how a struct arrives in JS is not documented (src/pt/answers.ts). */
export interface ArpTable {
  entries: ArpEntry[];
}

export interface ArpEntry {
  ipAddress: string;
  macAddress: string;
  portName: string;
}

/** getProcess("Routing") on routers [doc class_routing_process.html]. */
export interface RoutingProcess {
  getStaticRouteCount(): number;
  getStaticRouteAt(index: number): StaticRoute | null;
}

/** struct_static_route.html [doc]: `ip route` gives a next hop, an exit port, or both. */
export interface StaticRoute {
  networkId: string;
  subnetMask: string;
  portName: string;
  nextHop: string;
  adminDistance: number;
  metric: number;
}
