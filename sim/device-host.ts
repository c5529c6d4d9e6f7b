// The device's view of the world: what a device and its processes tell it (a
// send starts or is cancelled, the power or a setting changed) and ask it (the
// device's ports, the other devices an ARP table lists). The World (world.ts)
// is one; device.ts and processes.ts know only this, so they stand below it.
import type { MailDraft } from "../src/protocol";
import type { DeviceState } from "./device-state";
import type { SimObject } from "./events";
import type { SimPortObject } from "./ports";

/** One mail as SmtpClient.sendMail takes it: the protocol's draft, declared once. */
export type MailRequest = MailDraft;

export interface DeviceHost {
  readonly devices: readonly DeviceState[];
  /** Device.getPortCount() and getPortAt(i) answer from the world's port objects (sim/ports.ts). */
  readonly ports: {
    portCount(d: DeviceState): number;
    portAt(d: DeviceState, index: number): SimPortObject | null;
  };
  /** The addresses a warm ARP table of `device` holds (device-state.ts warmArp). */
  warmArp(device: DeviceState): readonly string[];
  /** SmtpClient.sendMail: answers whether the send started; mailSent is emitted on `client`. */
  startDelivery(device: DeviceState, client: SimObject, mail: MailRequest): boolean;
  /** SmtpClient.cancelSend. */
  cancelDelivery(client: SimObject): void;
  powerChanged(device: DeviceState): void;
  /** A setting changed somewhere: leases, port statuses and open SMTP sessions follow. */
  topologyChanged(): void;
}
