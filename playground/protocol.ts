// Messages between the playground page (PT's GUI role) and its worker (PT's
// script engine role: the simulator plus the built engine.js).
import type { PtBehaviour, SwitchName } from "../src/model/behaviour";
import type { LabCheck } from "../src/protocol";

/** The playground's own files (File > Open in the toolbar). */
export type PlaygroundFile = "classroom" | "one-lan";

/** The open file: one of the playground's, or a .pkt/.pka lab opened from disk. */
export interface FileView {
  key: PlaygroundFile | "lab";
  /** The playground file's title, or the lab's file name. */
  name: string;
  /** For a lab: "pkt" or "pka", the PT version that saved it, its stored mails and the importer's warnings. */
  kind: "" | "pkt" | "pka";
  ptVersion: string;
  storedMails: number;
  warnings: string[];
  /** For a lab: its File Script Module's scripts (empty: none), and Mail Console's version when it carries it (lab/embed). */
  fileModule?: { scripts: string[]; mailConsole: string | null };
}

export interface WorldView {
  topology: string;
  simulationMode: boolean;
  pendingSteps: number;
  /** Simulation steps the Step button has run. */
  stepsRun: number;
  /** saveDraft requests the engine has answered, so a test can tell the draft was kept. */
  draftsSaved: number;
  playing: boolean;
  dropPushes: boolean;
  pushes: number;
  devices: DeviceView[];
  links: { id: string; up: boolean }[];
  file: FileView;
  /** The PT behaviour switches' current values (world.behaviour), kept per playground file. */
  behaviour: PtBehaviour;
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
  | { type: "open-file"; file: PlaygroundFile }
  | { type: "behaviour"; name: SwitchName; value: PtBehaviour[SwitchName] }
  | { type: "behaviour-defaults" }
  | { type: "drop-pushes"; on: boolean }
  | { type: "menu" }
  | { type: "closed"; view: string }
  | { type: "emit"; device: string; args: unknown };

export type ToWorker =
  | { type: "se"; id: number; name: string; args: unknown[] }
  | { type: "action"; action: Action }
  /** The page is listening: send the world now, even if it has not changed since the last post. */
  | { type: "getWorld" }
  /** File > Open of a lab from disk: the file's bytes, decoded and imported in the worker. */
  | { type: "open-lab"; id: number; name: string; bytes: ArrayBuffer }
  /** An activity's answer network, read by a ?read-lab worker (activity-view.ts). */
  | { type: "read-answer"; name: string; bytes: ArrayBuffer };

/** One Lab check grid: senders (device, address), accounts, and the cells sender by sender. */
export interface AnswerGrid {
  senders: { device: string; from: string }[];
  roster: string[];
  cells: LabCheck["cells"];
}

export type FromWorker =
  | { type: "se-result"; id: number; ok: boolean; value?: unknown; error?: string }
  | { type: "open"; view: string; title: string; url: string; width: number; height: number }
  | { type: "show"; view: string }
  | { type: "close"; view: string }
  | { type: "eval"; view: string; js: string }
  | { type: "world"; world: WorldView }
  /** The answer to open-lab: error is the importer's one-line message, or null once the lab is open. */
  | { type: "lab-opened"; id: number; error: string | null }
  /** The answer to read-answer: the answer network's grid, or why it could not be read. */
  | { type: "answer-read"; grid: AnswerGrid | null; error: string }
  /** The engine wrote a file through SystemFileManager (Save in the panel): the page offers it as a download. */
  | { type: "file-written"; path: string; text: string }
  | { type: "log"; text: string };
