// The simulated Packet Tracer: a topology, its mail and DNS services, the
// deliveries in flight, the application objects, and a scheduler that runs in
// Realtime or, in Simulation mode, only when stepped. `world.ipc` and
// `world.webViewManager` have the shapes of PT's globals (src/pt/).
import type { Host, Ipc, Network } from "../src/pt/host";
import { SimAppWindow, SimFileManager, SimSimulation, SimWebViewManager, SimWorkspace } from "./app";
import type { Clock } from "./clock";
import { Delivery, type MailRequest } from "./delivery";
import { SimDevice, type SimSmtpClient } from "./device";
import { POLICY } from "./rules";
import { reachFrom, type Reach, type SimLink } from "./reach";
import type { DeviceSpec, HostSpec, TopologySpec } from "./spec";

export interface WorldOptions {
  clock: Clock;
  /** Time per protocol step, and how long a silent peer is waited for. */
  stepMs?: number;
  timeoutMs?: number;
}

interface Task {
  fn: () => void;
  due: number;
  order: number;
  timer: unknown;
}

export class World {
  readonly clock: Clock;
  stepMs: number;
  timeoutMs: number;
  devices: SimDevice[] = [];
  links: SimLink[] = [];
  deliveries: Delivery[] = [];
  /** Every delivery ever started, for tests and the scenario table. */
  history: Delivery[] = [];
  simulationMode = false;
  topologyName = "";
  readonly app = new SimAppWindow();
  readonly simulation = new SimSimulation(this);
  readonly files = new SimFileManager();
  readonly webViewManager = new SimWebViewManager();
  readonly data: { [key: string]: string } = {};
  readonly network: Network;
  readonly ipc: Ipc;
  private tasks: Task[] = [];
  private taskOrder = 0;
  private simTime = 0;
  private playTimer: unknown = null;

  constructor(options: WorldOptions) {
    this.clock = options.clock;
    this.stepMs = options.stepMs == null ? 100 : options.stepMs;
    this.timeoutMs = options.timeoutMs == null ? 3000 : options.timeoutMs;
    this.network = {
      getDeviceCount: () => this.devices.length,
      getDeviceAt: (i: number) => this.devices[i] || null,
      getDevice: (name: string) => this.device(name),
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
      ipc: this.ipc, webViewManager: this.webViewManager,
      setTimeout: (fn, ms) => c.setTimeout(fn, ms), clearTimeout: (id) => c.clearTimeout(id),
      setInterval: (fn, ms) => c.setInterval(fn, ms), clearInterval: (id) => c.clearInterval(id),
      now: () => c.now(), putData: (k, v) => { this.data[k] = String(v); },
      getData: (k) => (Object.prototype.hasOwnProperty.call(this.data, k) ? this.data[k] : null), log,
    };
  }

  device(name: string): SimDevice | null {
    return this.devices.filter((d) => d.name === name)[0] || null;
  }

  // ---- topology ----

  /** Builds a topology in place, with no events (the file PT starts with). */
  load(spec: TopologySpec): void {
    this.topologyName = spec.name;
    for (const d of spec.devices) this.devices.push(this.build(d));
    for (const l of spec.links) this.link(l[0], l[1], false);
  }

  /** File > Open: fileClosing, the old topology goes, the new one comes, fileOpened. */
  openFile(spec: TopologySpec): void {
    this.replaceTopology(spec);
    this.app.emit("fileOpened", {});
  }

  /** File > New: fileClosing, then an empty workspace (with its power device, as PT's has), fileNewed. */
  newFile(): void {
    this.replaceTopology({ name: "New file", devices: [{ name: "Power Distribution Device0", kind: "power" }], links: [] });
    this.app.emit("fileNewed", {});
  }

  private replaceTopology(spec: TopologySpec): void {
    this.app.emit("fileClosing", {});
    for (const d of this.deliveries.slice()) d.abort(null);
    for (const d of this.devices) d.dispose();
    this.devices = [];
    this.links = [];
    this.app.workspace.logical.dispose();
    this.app.workspace = new SimWorkspace();
    this.load(spec);
  }

  addDevice(spec: DeviceSpec): SimDevice {
    const d = this.build(spec);
    this.devices.push(d);
    this.app.workspace.logical.emit("deviceAdded", { name: d.name, model: d.getModel(), uuid: d.uuid });
    return d;
  }

  removeDevice(name: string): void {
    const d = this.device(name);
    if (!d) return;
    this.app.workspace.logical.emit("deviceRemoving", { name: d.name, deviceUuid: d.uuid });
    for (const x of this.deliveries.slice()) if (x.device === d) x.abort(POLICY.senderGoneEmits);
    this.links = this.links.filter((l) => l.a.device !== d && l.b.device !== d);
    this.devices.splice(this.devices.indexOf(d), 1);
    d.dispose();
    this.app.workspace.logical.emit("deviceRemoved", { name: d.name, deviceUuid: d.uuid });
    this.topologyChanged();
  }

  /** Cables two devices; "R1:1" is port 1 of R1. A new link wakes ARP on its hosts. */
  link(a: string, b: string, cold = true): SimLink {
    const ea = this.endpoint(a), eb = this.endpoint(b);
    const l: SimLink = { id: a + " — " + b, a: ea, b: eb, up: true };
    this.links.push(l);
    if (cold) this.warmUp(l);
    return l;
  }

  setLinkUp(id: string, up: boolean): void {
    const l = this.links.filter((x) => x.id === id)[0];
    if (!l || l.up === up) return;
    l.up = up;
    if (up) this.warmUp(l);
    this.topologyChanged();
  }

  reach(from: SimDevice, ip: string): Reach {
    return reachFrom(this.links, from, ip);
  }

  /** A setting changed somewhere: open SMTP sessions check they still stand. */
  topologyChanged(): void {
    for (const d of this.deliveries.slice()) d.checkSession();
  }

  powerChanged(device: SimDevice): void {
    if (!device.power) for (const x of this.deliveries.slice()) if (x.device === device) x.abort(POLICY.senderGoneEmits);
    this.topologyChanged();
  }

  private warmUp(l: SimLink): void {
    for (const e of [l.a, l.b]) if (e.device.isHost) e.device.arpCold = true;
  }

  private endpoint(name: string): { device: SimDevice; port: number } {
    const m = /^(.*?)(?::(\d+))?$/.exec(name)!;
    const device = this.device(m[1]);
    if (!device) throw new Error("link: no device named " + m[1]);
    const port = m[2] ? Number(m[2]) : device.kind === "switch" ? this.links.length + 1000 : 0;
    return { device, port };
  }

  private build(spec: DeviceSpec): SimDevice {
    const d = new SimDevice(this, spec.name, spec.kind);
    d.power = spec.power !== false;
    if (spec.kind === "router") {
      d.ports = spec.ports.map((p) => ({ ip: p.ip, mask: p.mask }));
    } else if (isHostSpec(spec)) {
      d.ports = [{ ip: spec.ip || "", mask: spec.mask || "255.255.255.0" }];
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
      }
      if (spec.mailServer && d.mail) {
        d.mail.smtp.domain = spec.mailServer.domain.toLowerCase();
        d.mail.smtp.enabled = spec.mailServer.smtp !== false;
        d.mail.pop3.enabled = spec.mailServer.pop3 !== false;
        for (const user of Object.keys(spec.mailServer.users)) d.mail.server.addUser(user, spec.mailServer.users[user]);
      }
      if (spec.dnsServer && d.dns) {
        d.dns.enabled = spec.dnsServer.on !== false;
        for (const name of Object.keys(spec.dnsServer.records)) d.dns.addARecordToNameServerDb(name, spec.dnsServer.records[name]);
      }
    }
    return d;
  }

  // ---- mail ----

  startDelivery(device: SimDevice, client: SimSmtpClient, mail: MailRequest): boolean {
    if (!device.power) return false;
    if (POLICY.busyReturnsFalse && this.deliveries.some((d) => d.client === client)) return false;
    const d = new Delivery(this, device, client, mail);
    this.deliveries.push(d);
    this.history.push(d);
    d.start();
    return true;
  }

  cancelDelivery(client: SimSmtpClient): void {
    for (const d of this.deliveries.slice()) if (d.client === client) d.abort(POLICY.cancelEmits);
  }

  deliveryEnded(d: Delivery): void {
    const i = this.deliveries.indexOf(d);
    if (i >= 0) this.deliveries.splice(i, 1);
  }

  // ---- time: Realtime runs tasks on the clock; Simulation mode only when stepped ----

  after(ms: number, fn: () => void): { cancel(): void } {
    const task: Task = { fn, due: this.simTime + ms, order: this.taskOrder++, timer: null };
    if (!this.simulationMode) task.due = this.clock.now() + ms;
    this.tasks.push(task);
    if (!this.simulationMode) task.timer = this.clock.setTimeout(() => this.run(task), ms);
    return { cancel: () => this.drop(task) };
  }

  setSimulationMode(on: boolean): void {
    if (on === this.simulationMode) return;
    const now = this.clock.now();
    this.simulationMode = on;
    for (const t of this.tasks) {
      if (on) {
        this.clock.clearTimeout(t.timer);
        t.due = this.simTime + Math.max(0, t.due - now);
      } else {
        const wait = Math.max(0, t.due - this.simTime);
        t.due = now + wait;
        t.timer = this.clock.setTimeout(() => this.run(t), wait);
      }
    }
    if (!on) this.pause();
  }

  /** Simulation mode: runs the next pending step (Capture/Forward). Answers whether there was one. */
  forward(): boolean {
    if (!this.simulationMode || !this.tasks.length) return false;
    const next = this.tasks.slice().sort((a, b) => a.due - b.due || a.order - b.order)[0];
    this.simTime = Math.max(this.simTime, next.due);
    this.run(next);
    return true;
  }

  /** Simulation mode: Play steps every `intervalMs` until paused. */
  play(intervalMs = 400): void {
    this.pause();
    this.playTimer = this.clock.setInterval(() => this.forward(), intervalMs);
  }

  pause(): void {
    if (this.playTimer !== null) this.clock.clearInterval(this.playTimer);
    this.playTimer = null;
  }

  get playing(): boolean {
    return this.playTimer !== null;
  }

  get pendingSteps(): number {
    return this.tasks.length;
  }

  private run(task: Task): void {
    if (!this.drop(task)) return;
    task.fn();
  }

  private drop(task: Task): boolean {
    const i = this.tasks.indexOf(task);
    if (i < 0) return false;
    this.tasks.splice(i, 1);
    if (task.timer !== null) this.clock.clearTimeout(task.timer);
    return true;
  }
}

function isHostSpec(spec: DeviceSpec): spec is HostSpec {
  return spec.kind === "pc" || spec.kind === "laptop" || spec.kind === "server" || spec.kind === "printer";
}
