// Ports and links, as the topology reads them (research/pt-labs-and-fidelity.md B1;
// the IpcAPI pages class_port.html, class_host_port.html, class_link.html).
import type { IpcObject } from "./events";

/** The device a port belongs to, as far as a port's reader needs it (a Device is one: src/pt/network.ts). */
export interface PortOwner extends IpcObject {
  getName(): string;
}

/**
 * class_port.html [doc]; the method list is confirmed on 9.0.0 [live: samouraifox
 * phase47_probe2_result.json]. Events portStatusChanged(bool), lineProtocolChanged(bool).
 */
export interface Port extends IpcObject {
  /** "FastEthernet0", "GigabitEthernet0/1" [doc]. */
  getName(): string;
  /** "Returns true if the status is up on the port" [doc]: the IOS status, so false when shut down, unplugged or the far end is off [inf]. */
  isPortUp(): boolean;
  /** "true if the line protocol is up on the port" [doc]. */
  isProtocolUp(): boolean;
  /** The cable at this port, null when none [doc]. */
  getLink(): Link | null;
  /** Listed among Port's inherited Process members [doc class_port.html]; used on link ends [live 9.0.1: S8 console_peer_js]. */
  getOwnerDevice(): PortOwner;
}

/** class_host_port.html [doc; live 7.3.0 Chesszyh]: host and router ports. Event ipChanged(newIp, newMask, oldIp, oldMask). */
export interface HostPort extends Port {
  /** "0.0.0.0" or "" when none [inf]. */
  getIpAddress(): string;
  getSubnetMask(): string;
  isDhcpClientOn(): boolean;
  /** The host's IPv4 firewall (Desktop > Firewall) is on [doc class_host_port.html; live 9.0.1: S8 host_firewall_js]. */
  isInboundFirewallOn(): boolean;
}

/** class_link.html: no state of its own; its ends are undocumented getters [live 9.0.1: S8 pt_export_topology]. */
export interface Link extends IpcObject {
  getPort1(): Port | null;
  getPort2(): Port | null;
}
