// The IpcAPI subset for devices and the topology (research/pt-api.md §1, §5.2).

import type { EmailClient } from "./email";
import type { IpcObject } from "./events";

/** class_network.html: no events; device events live on LogicalWorkspace. */
export interface Network {
  getDeviceCount(): number;
  getDeviceAt(index: number): Device | null;
  getDevice(name: string): Device | null;
}

/**
 * class_device.html. Events: nameChanged {newName, oldName}, powerChanged {on}.
 * getProcess takes a documented process name; "EmailClient" is our route to the
 * SmtpClient (pt-api.md §2.1). It returns null on routers and switches.
 */
export interface Device extends IpcObject {
  getName(): string;
  getPower(): boolean;
  getType(): number;
  getModel(): string;
  getProcess(name: "EmailClient"): EmailClient | null;
  getProcess(name: string): unknown;
}

/** class_logical_workspace.html: deviceAdded {name, model, ?}, deviceRemoving {name, deviceUuid}, deviceRemoved. */
export type LogicalWorkspace = IpcObject;

export interface Workspace {
  getLogicalWorkspace(): LogicalWorkspace;
}
