// What the model knows of a topology: exactly the facts a script can read
// through PT's IPC (research/pt-labs-and-fidelity.md B1), one field per read.
// `null` always means "could not be read" (the call threw, answered nothing,
// or the version lacks it): the model then answers "unknown" for the step that
// needs it instead of guessing. "none" means the device has no such process
// (getProcess answered null on a device that cannot have it, e.g. a PC's
// SmtpServer), which is a fact, not a gap.

/** Device.getType() / getClassName() read as the kinds the model reasons about. */
export type DeviceKind = "pc" | "laptop" | "server" | "printer" | "router" | "switch" | "hub" | "power";

export interface Snapshot {
  /** ipc.network().getDeviceCount() / getDeviceAt(i) [doc class_network.html]. */
  devices: DeviceFacts[];
  /** Network.getLinkCount() / getLinkAt(i) [doc class_link.html]; null: the links could not be read. */
  links: LinkFacts[] | null;
}

export interface DeviceFacts {
  /** Device.getName(): the key links and causes use (PT keeps names unique). */
  name: string;
  /** Device.getType() / getClassName() [doc; live 9.0.0 samouraifox type table]; null: a type the model does not know (cloud, access point, firewall…). */
  kind: DeviceKind | null;
  /** Device.getPower() [doc]. */
  power: boolean | null;
  /** Device.getPortCount() / getPortAt(i) [doc]; null: the port list could not be read. */
  ports: PortFacts[] | null;
  /** getProcess("HostIp").getDefaultGateway() [doc class_host_ip.html]; "" or 0.0.0.0 = not set; "" on routers and switches. */
  gateway: string | null;
  /** getProcess("DnsClient").getServerIp() [doc; live 9.0.1.0858]; "" or 0.0.0.0 = not set. */
  dnsServer: string | null;
  /**
   * getProcess("Arp").getArpTable() → ArpEntry.ipAddress [doc class_arp_process.html]: the addresses
   * the device has resolved, as one string (arpText in addresses.ts; asked with arpHas). A missing next
   * hop predicts the first-send timeout (live 9.0.1, B1).
   */
  arp: string | null;
  /** getProcess("SmtpServer"), ("Pop3Server"), ("EmailServer") [doc; live 7.3.0, 9.0.1]. */
  mail: MailServerFacts | "none" | null;
  /** getProcess("DnsServer") [doc class_dns_server_process.html]. */
  dns: DnsServerFacts | "none" | null;
  /** Routers: getProcess("Routing") and the running configuration [doc class_routing_process.html; C3]. */
  routing: RoutingFacts | "none" | null;
  /**
   * Features on this device the model does not cover (VLANs, ACLs, NAT, wireless…), from its running
   * configuration (serializeToXml() RUNNINGCONFIG, C3), its kind or its ports (src/pt/unmodeled.ts). A path
   * that crosses the device is "unknown" (unmodeled.ts). Absent or []: none; null: could not be read.
   */
  unmodeled?: string[] | null;
  /**
   * A DHCP server: Server-PT Services > DHCP (serializeToXml() DHCP_SERVERS) or IOS `ip dhcp pool` (RUNNINGCONFIG)
   * [pkt: C3]. Absent or "none": none; null: could not be read.
   */
  dhcpServer?: DhcpServerFacts | "none" | null;
  /** A switch with `ip routing` [pkt RUNNINGCONFIG]: it routes between its SVIs and routed ports. */
  layer3?: boolean;
  /** A switch's VLAN database (vlan.dat: src/pt/vlan-config.ts); absent or null: not read. */
  vlans?: number[] | null;
  /**
   * IOS access lists by number or name (`access-list N …`, `ip access-list standard|extended NAME`) [pkt
   * RUNNINGCONFIG, from serializeToXml() live: src/pt/acl-config.ts]. Absent: none; null: could not be read.
   */
  acls?: { [name: string]: AclFacts } | null;
  /**
   * An access point's or home router's wireless networks (WIRELESS_SERVER[S] in serializeToXml(): src/pt/wireless-config.ts);
   * its radios are its port WIRELESS (model/wireless.ts). Absent: none; null: could not be read.
   */
  wlans?: Wlan[] | null;
  /** A host whose port is wireless: the network it joins (WIRELESS_CLIENT). Absent: not wireless; null: not read. */
  wlan?: Wlan | null;
}

/** A wireless network: SSID, security ("open", "WEP", "WPA-PSK", "WPA2-PSK"; "WPA"/"WPA2": RADIUS) and key. */
export interface Wlan {
  ssid: string;
  security: string;
  key: string;
}

export interface AclFacts {
  /** Standard (1–99, 1300–1999, `standard`): it matches the source address only. */
  standard: boolean;
  entries: AclEntry[];
}

/** One permit/deny line, remarks left out; "A W" is an address and its wildcard (any: 0.0.0.0 255.255.255.255). */
export interface AclEntry {
  /** As the configuration writes it after the list's name: "deny tcp any any eq smtp". */
  text: string;
  permit: boolean;
  /** "ip", "tcp", "udp", or another protocol (which no mail flow is). */
  proto: string;
  src: string;
  dst: string;
  /** The ports allowed, as ranges [low, high, low, high…]; absent: any. */
  srcPorts?: number[];
  dstPorts?: number[];
  /** TCP `established`: only packets with ACK or RST (answers). */
  established?: boolean;
  /** A keyword the model cannot evaluate (`time-range`, `reflect`…): a packet that reaches this line is unknown. */
  unknown?: string;
}

export interface DhcpServerFacts {
  /** Server-PT's DHCP service switch (DHCP_SERVER ENABLED); IOS pools are on while configured. */
  on: boolean;
  pools: DhcpPool[];
  /** IOS `ip dhcp excluded-address LOW [HIGH]`: addresses the pools do not lease. */
  excluded: { low: string; high: string }[];
}

export interface DhcpPool {
  name: string;
  network: string;
  mask: string;
  /** The first address leased (Server-PT START_IP; IOS: the network's first host). */
  start: string;
  /** How many addresses from `start` (Server-PT MAX_USERS; IOS: the network's hosts). */
  max: number;
  /** Default gateway and DNS server handed out ("" or 0.0.0.0: none). */
  gateway: string;
  dns: string;
}

export interface PortFacts {
  /** Port.getName(), e.g. FastEthernet0, GigabitEthernet0/1 [doc class_port.html]. */
  name: string;
  /** HostPort.getIpAddress() / router port getIpAddress() [doc class_host_port.html]; "" = none. Switch ports have "". */
  ip: string | null;
  /** getSubnetMask() [doc]. */
  mask: string | null;
  /** Port.isPortUp() && isProtocolUp() [doc class_port.html]; false: shut down or no carrier. */
  up: boolean | null;
  /** HostPort.isDhcpClientOn() [doc; live 7.3.0 Chesszyh]; false on router and switch ports. */
  dhcp: boolean | null;
  /** Router ports: IOS `ip helper-address` (DHCP relay) [pkt RUNNINGCONFIG]; absent: none. */
  helpers?: string[];
  /** IOS `ip access-group NAME in|out` on this interface [pkt RUNNINGCONFIG; RouterPort.getAclInID() in IPC]. */
  aclIn?: string;
  aclOut?: string;
  /**
   * Switch ports: the IOS `switchport` mode and VLANs [pkt RUNNINGCONFIG, src/pt/vlan-config.ts]; absent: IOS's
   * default (dynamic auto, VLAN 1). `allowed` null: every VLAN.
   */
  switchport?: {
    mode: "access" | "trunk" | "auto" | "desirable";
    access: number;
    native: number;
    allowed: number[] | null;
  };
  /**
   * A router sub-interface (GigabitEthernet0/0.10, `encapsulation dot1Q 10 [native]`: parent is the cabled port)
   * or a switch's SVI (Vlan10: parent null, inside its switch) [pkt RUNNINGCONFIG].
   */
  vlan?: { id: number; parent: string | null; native: boolean };
  /** A multilayer switch's `no switchport` port: it ends the LAN like a router port [pkt RUNNINGCONFIG]. */
  routed?: boolean;
  /** A home router's Internet port: what leaves through it from the LAN takes its address (NAT overload). */
  nat?: "outside";
}

export interface MailServerFacts {
  /** SmtpServer.isEnabled() [doc; live 7.3.0]. */
  smtpOn: boolean | null;
  /** Pop3Server.isEnabled() [doc; live 7.3.0]. */
  pop3On: boolean | null;
  /** SmtpServer.getServerDomainName() [doc; live 7.3.0]; the domain lives on SmtpServer (PT 8.1 decompile). */
  domain: string | null;
  /** EmailServer.getAllEmailAcctAsStrings() → "name:password" [doc; live 7.3.0, 9.0.1]. */
  accounts: string[] | null;
}

export interface DnsServerFacts {
  /** DnsServer.isEnabled() [doc]. */
  on: boolean | null;
  /** getSizeOfNameServerDb() / getRrFromNameServerDbAt(i), type A: name and DnsRrA.ipAddress [doc]. Not getIpAddOfDomain (it reads another table: live 9.0.1 S8). */
  aRecords: { name: string; address: string }[] | null;
  /** The same records, type CNAME: alias → canonical host name [doc getCNameRecordWithHostname]. */
  cnames: { alias: string; host: string }[] | null;
}

export interface RoutingFacts {
  /** RoutingProcess.getStaticRouteCount() / getStaticRouteAt(i) [doc]: `ip route NETWORK MASK NEXT-HOP`. */
  staticRoutes: { network: string; mask: string; nextHop: string }[] | null;
  /**
   * The `network` statements of RIP/OSPF/EIGRP, from the running configuration (serializeToXml()
   * RUNNINGCONFIG, C3): "10.0.0.0" (classful) or "10.1.0.0 0.0.0.255" (with a wildcard).
   * Routers that share a LAN and both run a protocol are taken as converged.
   */
  routedNetworks: string[] | null;
}

export interface LinkEnd {
  /** Link.getPort1()/getPort2() → Port.getOwnerDevice().getName() [undocumented; live 9.0.1 S8]; null: unreadable. */
  device: string | null;
  /** … → Port.getName(). */
  port: string | null;
}

export interface LinkFacts {
  a: LinkEnd;
  b: LinkEnd;
  /** A link has no state of its own in IPC: both ends' Port.isPortUp() (a cable pulled or a port down) [doc class_port.html]. */
  up: boolean | null;
  /** A wireless association (model/wireless.ts), not a cable: the SSID joined. */
  ssid?: string;
}

/** One mail as SmtpClient.sendMail(from, to, subject, body, password, ipAddr) is given it, plus who sends it. */
export interface MailFacts {
  /** The device whose SmtpClient sends. */
  device: string;
  from: string;
  to: string;
  password: string;
  /** The outgoing server: an address or a name (Configure Mail > Outgoing Mail Server). */
  server: string;
}
