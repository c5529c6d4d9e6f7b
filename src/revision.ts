// The one owner of "something changed". Every change the panel must learn of
// (a log entry, the device list, settings, the status) takes the next number
// here, so a reader can ask for "everything after N" and miss nothing, and the
// one listener (the panel bridge) hears of every change in one place.

export class Revision {
  private current = 0;

  constructor(private onChange: () => void = () => undefined) {}

  get value(): number {
    return this.current;
  }

  /** Takes the next number and says so. */
  next(): number {
    this.current++;
    this.onChange();
    return this.current;
  }

  listen(onChange: () => void): void {
    this.onChange = onChange;
  }
}
