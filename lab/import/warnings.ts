// Import warnings, one line per message: the same message about several
// devices (e.g. the default services of every Server-PT) becomes one line
// naming them all, in the order they were first met. A hostile lab can make
// thousands (issue 27): a line names its first NAMED devices and counts the
// rest, and after LINES lines one more says how many were left out.
import { count } from "./limits";

const NAMED = 50;
const LINES = 1000;

export class Warnings {
  private readonly byMessage = new Map<string, Set<string>>();

  readonly add = (device: string, message: string): void => {
    const devices = this.byMessage.get(message) || new Set<string>();
    if (!devices.size) this.byMessage.set(message, devices);
    if (device) devices.add(device);
  };

  lines(): string[] {
    const out: string[] = [];
    for (const [message, set] of this.byMessage) {
      if (out.length === LINES) {
        out.push(count(this.byMessage.size - LINES) + " more warnings are not shown");
        break;
      }
      const devices = Array.from(set);
      const more = devices.length > NAMED ? ", and " + count(devices.length - NAMED) + " more" : "";
      out.push(devices.length ? devices.slice(0, NAMED).join(", ") + more + ": " + message : message);
    }
    return out;
  }
}
