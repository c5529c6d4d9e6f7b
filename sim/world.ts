// The simulated Packet Tracer: a topology, its mail and DNS services, the
// deliveries in flight, the application objects, and a scheduler that runs in
// Realtime or, in Simulation mode, only when stepped. `world.ipc` and
// `world.webViewManager` have the shapes of PT's globals (src/pt/).

import { defaultBehaviour, type PtBehaviour, type Snapshot } from "../src/model";
import type { Host, Ipc, Network } from "../src/pt";
import { SimAppWindow, SimFileManager, SimSimulation, SimWebViewManager, SimWorkspace } from "./app-window";
import { buildDevice } from "./build-device";
import type { Clock } from "./clock";
import { Delivery } from "./delivery";
import type { SimDevice } from "./device";
import type { DeviceHost, MailRequest } from "./device-host";
import { type DeviceState, WarmArpTables } from "./device-state";
import { giveLeases } from "./dhcp";
import type { SimObject } from "./events";
import type { SimLink } from "./links";
import { SimPortTable } from "./ports";
import { type Reach, reachFrom } from "./reach";
import { POLICY } from "./rules";
import { Scheduler } from "./scheduler";
import { snapshotOf } from "./snapshot";
import type { DeviceSpec, TopologySpec } from "./spec";

export interface WorldOptions {
  clock: Clock;
  /** Time per protocol step, and how long a silent peer is waited for. */
  stepMs?: number;
  timeoutMs?: number;
}

export class World implements DeviceHost {
  readonly clock: Clock;
  stepMs: number;
  timeoutMs: number;
  devices: SimDevice[] = [];
  links: SimLink[] = [];
  deliveries: Delivery[] = [];
  /** Every delivery ever started, for tests and the scenario table. */
  history: Delivery[] = [];
  topologyName = "";
  /** What PT does where it is disputed (src/model/behaviour.ts): the documented defaults, flippable. */
  behaviour: PtBehaviour = defaultBehaviour();
  readonly app = new SimAppWindow();
  readonly simulation = new SimSimulation(this);
  readonly files = new SimFileManager();
  readonly webViewManager = new SimWebViewManager();
  readonly data: { [key: string]: string } = {};
  /** The ports and cables as IPC objects (sim/ports.ts). */
  readonly ports = new SimPortTable(this);
  readonly network: Network;
  readonly ipc: Ipc;
  private readonly scheduler: Scheduler;
  private readonly arpTables = new WarmArpTables();

  constructor(options: WorldOptions) {
    this.clock = options.clock;
    this.scheduler = new Scheduler(options.clock);
    this.stepMs = options.stepMs == null ? 100 : options.stepMs;
    this.timeoutMs = options.timeoutMs == null ? 3000 : options.timeoutMs;
    this.network = {
      getDeviceCount: () => this.devices.length,
      getDeviceAt: (i: number) => this.devices[i] || null,
      getDevice: (name: string) => this.device(name),
      getLinkCount: this.ports.getLinkCount.bind(this.ports),
      getLinkAt: this.ports.getLinkAt.bind(this.ports),
    };
    this.ipc = {
      network: () => this.network,
      appWindow: () => this.app,
      simulation: () => this.simulation,
      systemFileManager: () => this.files,
    };
  }

  /** A Host for an engine running in this same realm (tests, bench). */
  host(log: (m: string) => void = () => undefined): Host {
    const c = this.clock;
    return {
      ipc: this.ipc,
      webViewManager: this.webViewManager,
      setTimeout: (fn, ms) => c.setTimeout(fn, ms),
      clearTimeout: (id) => c.clearTimeout(id),
      setInterval: (fn, ms) => c.setInterval(fn, ms),
      clearInterval: (id) => c.clearInterval(id),
      now: () => c.now(),
      putData: (k, v) => {
        this.data[k] = String(v);
      },
      getData: (k) => (Object.prototype.hasOwnProperty.call(this.data, k) ? this.data[k] : null),
      log,
    };
  }

  device(name: string): SimDevice | null {
    return this.devices.filter((d) => d.name === name)[0] || null;
  }

  // ---- topology ----

  /** Builds a topology in place, with no events (the file PT starts with), saved at `path` ("" for unsaved). */
  load(spec: TopologySpec, path = ""): void {
    this.topologyName = spec.name;
    this.app.savedFilename = path;
    for (const d of spec.devices) this.devices.push(buildDevice(this, d));
    for (const l of spec.links) this.link(l[0], l[1], false).up = l[2] ? l[2].up : true;
    giveLeases(this, false);
  }

  /** File > Open: fileClosing, the old topology goes, the new one comes, fileOpened. */
  openFile(spec: TopologySpec, path = ""): void {
    this.replaceTopology(spec);
    this.app.savedFilename = path;
    this.app.emit("fileOpened", {});
  }

  /** File > New: fileClosing, then an empty workspace (with its power device, as PT's has), fileNewed. */
  newFile(): void {
    this.replaceTopology({
      name: "New file",
      devices: [{ name: "Power Distribution Device0", kind: "power" }],
      links: [],
    });
    this.app.savedFilename = "";
    this.app.emit("fileNewed", {});
  }

  private replaceTopology(spec: TopologySpec): void {
    this.app.emit("fileClosing", {});
    for (const d of this.deliveries.slice()) d.abort(null);
    for (const d of this.devices) d.dispose();
    this.devices = [];
    this.links = [];
    this.ports.clear();
    this.app.workspace.logical.dispose();
    this.app.workspace = new SimWorkspace();
    this.load(spec);
  }

  addDevice(spec: DeviceSpec): SimDevice {
    const d = buildDevice(this, spec);
    this.devices.push(d);
    this.app.workspace.logical.emit("deviceAdded", { name: d.name, model: d.getModel(), uuid: d.uuid });
    return d;
  }

  removeDevice(name: string): void {
    const d = this.device(name);
    if (!d) return;
    this.app.workspace.logical.emit("deviceRemoving", { name: d.name, deviceUuid: d.uuid });
    for (const x of this.deliveries.slice()) if (x.device === d) x.abort(POLICY.senderGoneEmits);
    for (const l of this.links) if (l.a.device === d || l.b.device === d) this.linkEvent("linkDeleted", l);
    this.links = this.links.filter((l) => l.a.device !== d && l.b.device !== d);
    this.devices.splice(this.devices.indexOf(d), 1);
    d.dispose();
    this.app.workspace.logical.emit("deviceRemoved", { name: d.name, deviceUuid: d.uuid });
    this.topologyChanged();
  }

  /** Cables two devices; "R1:1" is port 1 of R1. A new link wakes ARP on its hosts. */
  link(a: string, b: string, cold = true): SimLink {
    const ea = this.endpoint(a),
      eb = this.endpoint(b);
    const l: SimLink = { id: a + " — " + b, a: ea, b: eb, up: true };
    this.links.push(l);
    if (cold) {
      // A cable added to an open file (load() adds its own quietly).
      this.warmUp(l);
      this.linkEvent("linkCreated", l);
      this.ports.refresh();
    }
    return l;
  }

  /** LogicalWorkspace linkCreated/linkDeleted(QString, string, QString, string, CONNECT_TYPES): the keys are undocumented [inf]. */
  private linkEvent(event: string, l: SimLink): void {
    const [a, b] = [this.ports.port(l.a.device, l.a.port), this.ports.port(l.b.device, l.b.port)];
    this.app.workspace.logical.emit(event, {
      device1: l.a.device.name,
      port1: a.getName(),
      device2: l.b.device.name,
      port2: b.getName(),
      connectType: this.ports.cable(l).getConnectionType(),
    });
  }

  setLinkUp(id: string, up: boolean): void {
    const l = this.links.filter((x) => x.id === id)[0];
    if (!l || l.up === up) return;
    l.up = up;
    if (up) this.warmUp(l);
    this.topologyChanged();
  }

  reach(from: SimDevice, ip: string): Reach {
    return reachFrom(this, from, ip);
  }

  /** The world as a script would read it through PT's IPC: what the model decides from. */
  snapshot(): Snapshot {
    return snapshotOf(this);
  }

  /** A setting changed somewhere: open SMTP sessions check they still stand. */
  topologyChanged(): void {
    giveLeases(this, true);
    this.ports.refresh();
    for (const d of this.deliveries.slice()) d.checkSession();
  }

  warmArp(device: DeviceState): readonly string[] {
    return this.arpTables.of(this.devices, device);
  }

  powerChanged(device: DeviceState): void {
    if (!device.power)
      for (const x of this.deliveries.slice()) if (x.device === device) x.abort(POLICY.senderGoneEmits);
    this.topologyChanged();
  }

  private warmUp(l: SimLink): void {
    for (const e of [l.a, l.b]) if (e.device.isHost) e.device.arpCold = true;
  }

  private endpoint(name: string): { device: SimDevice; port: number } {
    const m = /^(.*?)(?::(\d+))?$/.exec(name);
    const device = m ? this.device(m[1]) : null;
    if (!m || !device) throw new Error("link: no device named " + name);
    const port = m[2] ? Number(m[2]) : device.kind === "switch" ? this.links.length + 1000 : 0;
    return { device, port };
  }

  // ---- mail ----

  startDelivery(device: DeviceState, client: SimObject, mail: MailRequest): boolean {
    if (POLICY.busyReturnsFalse && this.deliveries.some((d) => d.client === client)) return false;
    const d = new Delivery(this, device, client, mail);
    this.history.push(d);
    if (!d.start()) return false; // the model's sender-off row: sendMail answers false
    this.deliveries.push(d);
    return true;
  }

  cancelDelivery(client: SimObject): void {
    for (const d of this.deliveries.slice()) if (d.client === client) d.abort(POLICY.cancelEmits);
  }

  deliveryEnded(d: Delivery): void {
    const i = this.deliveries.indexOf(d);
    if (i >= 0) this.deliveries.splice(i, 1);
  }

  // ---- time: Realtime runs steps on the clock; Simulation mode only when stepped (sim/scheduler.ts) ----

  get simulationMode(): boolean {
    return this.scheduler.simulationMode;
  }

  setSimulationMode(on: boolean): void {
    this.scheduler.setSimulationMode(on);
  }

  after(ms: number, fn: () => void): { cancel(): void } {
    return this.scheduler.after(ms, fn);
  }

  /** Simulation mode: runs the next pending step (Capture/Forward). Answers whether there was one. */
  forward(): boolean {
    return this.scheduler.forward();
  }

  play(intervalMs = 400): void {
    this.scheduler.play(intervalMs);
  }

  pause(): void {
    this.scheduler.pause();
  }

  get playing(): boolean {
    return this.scheduler.playing;
  }

  get pendingSteps(): number {
    return this.scheduler.pendingSteps;
  }
}
