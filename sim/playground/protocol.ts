// Messages between the playground page (PT's GUI role) and its worker (PT's
// script engine role: the simulator plus the built engine.js).

export interface WorldView {
  topology: string;
  simulationMode: boolean;
  pendingSteps: number;
  /** Simulation steps the Step button has run. */
  stepsRun: number;
  playing: boolean;
  dropPushes: boolean;
  pushes: number;
  devices: DeviceView[];
  links: { id: string; up: boolean }[];
}

export interface DeviceView {
  name: string;
  kind: string;
  power: boolean;
  ip: string;
  gateway: string;
  dns: string;
  account: { mailId: string; user: string; password: string; smtp: string } | null;
  sending: boolean;
  mail: { domain: string; smtp: boolean; users: { name: string; password: string; mails: number }[] } | null;
  dnsServer: { on: boolean; records: { name: string; ip: string }[] } | null;
}

export type Action =
  | { type: "power"; device: string; on: boolean }
  | { type: "smtp"; device: string; on: boolean }
  | { type: "dns"; device: string; on: boolean }
  | { type: "domain"; device: string; domain: string }
  | { type: "link"; id: string; up: boolean }
  | { type: "record"; device: string; name: string; ip: string; remove?: boolean }
  | { type: "user"; device: string; name: string; password?: string; remove?: boolean }
  | { type: "device-setting"; device: string; field: "dns" | "gateway" | "smtp" | "password" | "mailId"; value: string }
  | { type: "rename"; device: string; name: string }
  | { type: "remove"; device: string }
  | { type: "add-pc"; name: string }
  | { type: "pt-send"; device: string; to: string; subject: string; body: string }
  | { type: "mode"; simulation: boolean }
  | { type: "step" }
  | { type: "play"; on: boolean }
  | { type: "open-file"; file: "classroom" | "one-lan" }
  | { type: "drop-pushes"; on: boolean }
  | { type: "menu" }
  | { type: "closed"; view: string }
  | { type: "emit"; device: string; args: unknown };

export type ToWorker = { type: "se"; id: number; name: string; args: unknown[] } | { type: "action"; action: Action };

export type FromWorker =
  | { type: "se-result"; id: number; ok: boolean; value?: unknown; error?: string }
  | { type: "open"; view: string; title: string; url: string; width: number; height: number }
  | { type: "show"; view: string }
  | { type: "close"; view: string }
  | { type: "eval"; view: string; js: string }
  | { type: "world"; world: WorldView }
  | { type: "log"; text: string };
