// The lab as the engine uses it: read lazily through src/lab-reader.ts, and
// kept until PT says it changed (its topology events) or for a few seconds at
// most, since DHCP, gateways, services and accounts change without an event.
// A mail that ends and a "Check" both ask it; nothing reads while nothing asks.

import { readLab } from "./lab-reader";
import type { Snapshot } from "./model/snapshot";
import type { EventHandler, Host, IpcObject } from "./pt";
import { attempt } from "./pt/guarded";
import type { Subscriptions } from "./subscriptions";

/** How long a snapshot is trusted with no event: DHCP, gateway, DNS, services and accounts change without one. */
export const SNAPSHOT_MAX_AGE_MS = 5000;

const GROUP_APP = "lab:app";
const GROUP_WORKSPACE = "lab:workspace";
const GROUP_DEVICES = "lab:devices";

/**
 * The lab, read lazily and kept until PT says it changed (watch()), or for
 * SNAPSHOT_MAX_AGE_MS at most. Devices, ports and the workspace are (re)watched
 * on the read after the topology changed, with the objects that read meets.
 */
export class LabSnapshot {
  private snapshot: Snapshot | null = null;
  private readAt = 0;
  private watching = false;
  /** The topology changed (or watch() began): the next read re-registers the per-object events. */
  private rewatch = false;
  /** Between a removal event and PT's word that it is done: reads register nothing on what is going. */
  private removing = false;

  constructor(
    private readonly host: Host,
    private readonly subs: Subscriptions,
    private readonly report: (where: string, error: unknown) => void,
    /** PT said the lab changed (a topology, device or port event): results computed from it are stale. */
    private readonly changed: () => void = () => undefined,
  ) {}

  get(): Snapshot {
    const now = this.host.now();
    if (this.snapshot && now - this.readAt < SNAPSHOT_MAX_AGE_MS && now >= this.readAt) return this.snapshot;
    this.snapshot = this.read();
    this.readAt = now;
    return this.snapshot;
  }

  markStale(): void {
    this.snapshot = null;
  }

  /** Marks the snapshot stale on PT's topology events; per-device events are registered by the next read. */
  watch(): void {
    if (this.watching) return;
    this.watching = true;
    const stale = this.onStructure();
    const app = attempt(() => this.host.ipc.appWindow());
    if (app) {
      this.subs.on(GROUP_APP, app, "fileOpened", stale);
      this.subs.on(GROUP_APP, app, "fileNewed", stale);
      this.subs.on(GROUP_APP, app, "fileClosing", this.onRemoving(true));
    }
    this.rewatch = true;
    this.removing = false;
    this.markStale();
  }

  stop(): void {
    this.watching = false;
    this.rewatch = false;
    this.removing = false;
    this.subs.off(GROUP_APP);
    this.subs.off(GROUP_WORKSPACE);
    this.subs.off(GROUP_DEVICES);
  }

  private read(): Snapshot {
    const again = this.watching && this.rewatch && !this.removing;
    if (again) this.rewatch = false;
    try {
      if (!again) return readLab(this.host, null);
      this.subs.off(GROUP_WORKSPACE);
      this.subs.off(GROUP_DEVICES);
      this.watchWorkspace();
      return readLab(this.host, this.onObject());
    } catch (e) {
      this.report("reading the lab", e);
      return { devices: [], links: null };
    }
  }

  private watchWorkspace(): void {
    const host = this.host;
    const workspace = attempt(() => host.ipc.appWindow().getActiveWorkspace().getLogicalWorkspace());
    if (!workspace) return;
    const stale = this.onStructure();
    for (const event of ["deviceAdded", "deviceRemoved", "linkCreated", "linkDeleted"])
      this.subs.on(GROUP_WORKSPACE, workspace, event, stale);
    this.subs.on(GROUP_WORKSPACE, workspace, "deviceRemoving", this.onRemoving(false));
  }

  /**
   * deviceRemoving, fileClosing: PT is about to destroy objects the read watched, so every
   * per-object handler (and at fileClosing the workspace's) is released now, while they live,
   * as the device registry does (src/devices.ts); the next read after PT is done watches again.
   */
  private onRemoving(file: boolean): EventHandler {
    const self = this;
    const stale = this.onStructure();
    return function (src, args) {
      self.subs.off(GROUP_DEVICES);
      if (file) self.subs.off(GROUP_WORKSPACE);
      stale(src, args);
      self.removing = true;
    };
  }

  /** A handler for events that change what exists: stale, and watch again on the next read. */
  private onStructure(): EventHandler {
    const self = this;
    return function () {
      self.rewatch = true;
      self.removing = false;
      self.markStale();
      self.changed();
    };
  }

  /** What the read calls for each device and port it meets. */
  private onObject(): (target: IpcObject, event: string) => void {
    const self = this;
    const stale: EventHandler = function () {
      self.markStale();
      self.changed();
    };
    return function (target, event) {
      self.subs.on(GROUP_DEVICES, target, event, stale);
    };
  }
}
