// The worker's open file, as PT's File > Open: one of the playground's own
// files, or a .pkt/.pka lab from disk (decoded and imported with lab/), and
// the PT behaviour switches saved with each playground file.
import { decodeLabAsync } from "../lab/codec/lab-file";
import { webZlib } from "../lab/codec/zlib-web";
import { scriptModuleSummary } from "../lab/embed/embed";
import { importLab } from "../lab/import/import-lab";
import { labMatrix } from "../lab/summary";
import { VirtualClock } from "../sim/clock";
import { classroom, oneLan } from "../sim/scenarios/classroom";
import type { TopologySpec } from "../sim/spec";
import { World } from "../sim/world";
import { defaultBehaviour, PT_BEHAVIOUR, type PtBehaviour, type SwitchName } from "../src/model/behaviour";
import type { AnswerGrid, FileView, PlaygroundFile } from "./protocol";

const FILES: { [K in PlaygroundFile]: () => TopologySpec } = { classroom, "one-lan": oneLan };

function playgroundFile(key: PlaygroundFile): FileView {
  return { key, name: FILES[key]().name, kind: "", ptVersion: "", storedMails: 0, warnings: [] };
}

/** An error as one line, for the page (LabFileError messages already are). */
export function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split("\n")[0] || "unknown error";
}

/** The values a switch may take: its default first, then its alternatives. */
export function choices(name: SwitchName): unknown[] {
  const s = PT_BEHAVIOUR[name] as { default: unknown; alternatives: unknown[] };
  return [s.default].concat(s.alternatives);
}

/** Decodes and imports a lab, and loads it once into a scratch world: a topology the simulator refuses throws here. */
export async function readLab(name: string, bytes: ArrayBuffer): Promise<{ spec: TopologySpec; file: FileView }> {
  const lab = await decodeLabAsync(new Uint8Array(bytes), webZlib);
  const imported = importLab(lab.xml, lab.kind, name);
  try {
    new World({ clock: new VirtualClock() }).load(imported.spec);
  } catch (e) {
    throw new Error("the simulator cannot load this lab (" + oneLine(e) + ")");
  }
  return {
    spec: imported.spec,
    file: {
      key: "lab",
      name,
      kind: imported.kind,
      ptVersion: imported.ptVersion,
      storedMails: imported.storedMails,
      warnings: imported.warnings,
      fileModule: (({ scripts, mailConsole }) => ({ scripts, mailConsole }))(scriptModuleSummary(lab.xml)),
    },
  };
}

/** An activity's answer network as a Lab check grid (`npm run lab -- grade` reads it so). */
export async function readAnswerGrid(name: string, bytes: ArrayBuffer): Promise<AnswerGrid> {
  const lab = await decodeLabAsync(new Uint8Array(bytes), webZlib);
  const predicted = labMatrix(importLab(lab.xml, lab.kind, name, "answer"));
  if (predicted.error) throw new Error("its " + predicted.error);
  const m = predicted.matrix;
  return {
    senders: m.senders.map((s) => ({ device: s.device, from: s.mailId.trim() })),
    roster: m.roster,
    cells: m.cells,
  };
}

export class OpenFile {
  file: FileView = playgroundFile("classroom");
  /** Switch values saved with each playground file whose switches were changed. */
  private readonly saved: { [K in PlaygroundFile]?: PtBehaviour } = {};
  /** Lab opens, one at a time in the order asked. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly world: World) {}

  /** File > Open of a playground file: its saved switches, or the defaults. */
  openPlaygroundFile(key: PlaygroundFile): void {
    this.setBehaviour(this.saved[key] || defaultBehaviour());
    this.world.openFile(FILES[key](), `C:/Users/student/Desktop/${key}.pkt`);
    this.file = playgroundFile(key);
  }

  /** File > Open of a lab from disk: answers null once it is open, or the error, keeping the open file. */
  openLab(name: string, bytes: ArrayBuffer): Promise<string | null> {
    const next = this.queue.then(async () => {
      let lab: Awaited<ReturnType<typeof readLab>>;
      try {
        lab = await readLab(name, bytes);
      } catch (e) {
        return oneLine(e);
      }
      // A lab stores no playground switches: the defaults.
      this.setBehaviour(defaultBehaviour());
      this.file = lab.file;
      try {
        this.world.openFile(lab.spec, name);
      } catch (e) {
        // Loaded in a scratch world first, so not expected: the file may now be half open.
        return "opened with an error (" + oneLine(e) + ")";
      }
      return null;
    });
    this.queue = next;
    return next;
  }

  /** Sets one switch, saved with the open playground file. Throws on a value the switch cannot take. */
  setSwitch(name: SwitchName, value: unknown): void {
    if (!Object.prototype.hasOwnProperty.call(PT_BEHAVIOUR, name)) throw new Error("no PT behaviour switch " + name);
    const allowed = choices(name);
    if (allowed.indexOf(value) < 0) throw new Error(name + " cannot be " + JSON.stringify(value));
    (this.world.behaviour as { [key: string]: unknown })[name] = value;
    this.save();
  }

  resetSwitches(): void {
    this.setBehaviour(defaultBehaviour());
    this.save();
  }

  private save(): void {
    if (this.file.key !== "lab") this.saved[this.file.key] = Object.assign({}, this.world.behaviour);
  }

  /** In place: deliveries read world.behaviour when they decide. */
  private setBehaviour(values: PtBehaviour): void {
    Object.assign(this.world.behaviour, values);
  }
}
