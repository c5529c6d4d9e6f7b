// Import warnings, one line per message: the same message about several
// devices (e.g. the default services of every Server-PT) becomes one line
// naming them all, in the order they were first met.
export class Warnings {
  private readonly byMessage = new Map<string, string[]>();

  readonly add = (device: string, message: string): void => {
    const devices = this.byMessage.get(message);
    if (!devices) this.byMessage.set(message, device ? [device] : []);
    else if (device && devices.indexOf(device) < 0) devices.push(device);
  };

  lines(): string[] {
    return Array.from(this.byMessage, ([message, devices]) =>
      devices.length ? devices.join(", ") + ": " + message : message,
    );
  }
}
