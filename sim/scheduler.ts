// The simulator's time: in Realtime, steps run on the clock; in Simulation
// mode they wait and run only when the user steps or plays, as in PT, where
// mail moves only with simulated time (research/pt-api.md §5.1).
import type { Clock } from "./clock";

interface Task {
  fn: () => void;
  due: number;
  order: number;
  timer: unknown;
}

export class Scheduler {
  simulationMode = false;
  private tasks: Task[] = [];
  private taskOrder = 0;
  private simTime = 0;
  private playTimer: unknown = null;

  constructor(private clock: Clock) {}

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
  play(intervalMs: number): void {
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
