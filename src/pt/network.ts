// The IpcAPI subset for devices and the topology (research/pt-api.md §1, §5.2;
// pt-labs-and-fidelity.md B1).

import type { EmailClient } from "./email";
import type { IpcObject } from "./events";
import type { Link, Port } from "./ports";
import type { ArpProcess, DnsClient, HostIp, RoutingProcess } from "./processes";
import type { DnsServer, EmailServer, Pop3Server, SmtpServer } from "./servers";

/** class_network.html: no events; device and link events live on LogicalWorkspace. */
export interface Network {
  getDeviceCount(): number;
  getDeviceAt(index: number): Device | null;
  getDevice(name: string): Device | null;
  /** [doc class_network.html]. */
  getLinkCount(): number;
  getLinkAt(index: number): Link | null;
}

/**
 * class_device.html. Events: nameChanged {newName, oldName}, powerChanged {on}.
 * getProcess takes a documented process name; "EmailClient" is our route to the
 * SmtpClient (pt-api.md §2.1). It returns null on routers and switches.
 */
export interface Device extends IpcObject {
  getName(): string;
  getPower(): boolean;
  /** DeviceType: 0 router, 1 switch, 8 PC, 9 server, 18 laptop, … [doc; live 9.0.0 samouraifox type table]. */
  getType(): number;
  getModel(): string;
  /** "Pc" for PCs and laptops, "Router", "Server"… [src: Hackrrr analyzer.d.ts; live 9.0.1 PTDoom]. */
  getClassName(): string;
  /** [doc class_device.html]. */
  getPortCount(): number;
  getPortAt(index: number): Port | null;
  /** The device as the .pkt's XML, RUNNINGCONFIG included [doc; live 7.3.0 Chesszyh, 9.0.0 samouraifox]. */
  serializeToXml(): string;
  getProcess(name: "EmailClient"): EmailClient | null;
  getProcess(name: "HostIp"): HostIp | null;
  getProcess(name: "DnsClient"): DnsClient | null;
  getProcess(name: "Arp"): ArpProcess | null;
  getProcess(name: "Routing"): RoutingProcess | null;
  getProcess(name: "SmtpServer"): SmtpServer | null;
  getProcess(name: "Pop3Server"): Pop3Server | null;
  getProcess(name: "EmailServer"): EmailServer | null;
  getProcess(name: "DnsServer"): DnsServer | null;
  getProcess(name: string): unknown;
}

/**
 * class_logical_workspace.html: deviceAdded {name, model, ?}, deviceRemoving {name, deviceUuid}, deviceRemoved,
 * linkCreated, linkDeleted (QString, string, QString, string, CONNECT_TYPES; the args keys are not documented).
 */
export type LogicalWorkspace = IpcObject;

export interface Workspace {
  getLogicalWorkspace(): LogicalWorkspace;
}
