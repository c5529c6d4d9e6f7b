// Grading on every core: worker threads, each given one lab at a time (so one
// lab is in memory per worker), the expectation sent once in workerData.
// The worker runs the very bundle the CLI runs (build/lab-cli.mjs defines
// import.meta.url as the bundle's file URL): a bundle that holds this module
// becomes a worker when started as one, so no second bundle is built. From
// TypeScript sources (the tests) no worker can start in Node 20, and the labs
// are graded in the calling thread, one after another.
import { availableParallelism, cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { type GradeResult, gradeOrFail } from "./grade-lab";
import type { Expectation } from "./score";

const ROLE = "mail-console-grade-worker";

export interface Job {
  file: string;
  sameAsAnswer: boolean;
}

/** What one job cost, for npm run bench (build/bench/grade.mjs). */
export interface JobCost {
  ms: number;
  /**
   * With `measureMemory`: the most the job held, as the worker's V8 heap in
   * use plus memory outside it (buffers) after a full GC, sampled after each
   * step (decode, import, matrix, score), less what the worker held before its
   * first lab, bytes; else 0.
   */
  addedBytes: number;
  /** Which worker graded it (0 in the calling thread). */
  worker: number;
}

interface Done {
  index: number;
  result: GradeResult;
  cost: JobCost;
}

export interface PoolOptions {
  threads: number;
  /** Grade in worker threads even for one thread (npm run bench: one core is one worker, started cold). */
  alwaysWorkers?: boolean;
  /** npm run bench only: collect garbage after each step to sample what is held (slow). */
  measureMemory?: boolean;
  onDone?: (index: number, result: GradeResult, cost: JobCost) => void;
}

export function defaultThreads(): number {
  return typeof availableParallelism === "function" ? availableParallelism() : cpus().length || 1;
}

/** The bundle this code runs from, or null from TypeScript sources. */
export function workerScript(): string | null {
  if (!import.meta.url.startsWith("file:")) return null;
  const path = fileURLToPath(import.meta.url);
  return /\.c?js$/.test(path) ? path : null;
}

/** What the thread holds after a full GC. */
function heldBytes(gc: () => void): number {
  gc();
  const heap = getHeapStatistics();
  return heap.used_heap_size + heap.external_memory;
}

/** V8's gc(), exposed for the bench's memory pass only (the flag is the process's; grading never sets it). */
function collector(measure: boolean): (() => void) | null {
  if (!measure) return null;
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

function run(job: Job, expectation: Expectation, index: number, worker: number, gc: (() => void) | null): Done {
  const idle = gc ? heldBytes(gc) : 0;
  let most = idle;
  const stage = gc
    ? () => {
        most = Math.max(most, heldBytes(gc));
      }
    : undefined;
  const t = performance.now();
  const result = gradeOrFail(job.file, expectation, job.sameAsAnswer, stage);
  const ms = performance.now() - t;
  return { index, result, cost: { ms, addedBytes: most - idle, worker } };
}

/** Grades every job; results in job order. */
export async function gradeAll(jobs: Job[], expectation: Expectation, options: PoolOptions): Promise<GradeResult[]> {
  const results: GradeResult[] = new Array(jobs.length);
  const done = (d: Done) => {
    results[d.index] = d.result;
    if (options.onDone) options.onDone(d.index, d.result, d.cost);
  };
  const script = workerScript();
  const threads = Math.max(1, Math.min(options.threads, jobs.length));
  if (!script || (options.threads <= 1 && !options.alwaysWorkers) || jobs.length < 2) {
    const gc = collector(!!options.measureMemory);
    for (let i = 0; i < jobs.length; i++) {
      done(run(jobs[i], expectation, i, 0, gc));
      // Lets a progress bar paint between labs.
      await new Promise((r) => setImmediate(r));
    }
    return results;
  }
  let next = 0;
  await new Promise<void>((resolve) => {
    let active = 0;
    const start = (n: number) => {
      if (next >= jobs.length) {
        if (active === 0) resolve();
        return;
      }
      active++;
      const worker = new Worker(script, {
        workerData: { role: ROLE, expectation, worker: n, measure: !!options.measureMemory },
      });
      let current = -1;
      const give = () => {
        if (next >= jobs.length) {
          current = -1;
          void worker.terminate();
          return;
        }
        current = next++;
        worker.postMessage({ index: current, job: jobs[current] });
      };
      worker.on("message", (d: Done) => {
        done(d);
        give();
      });
      // A worker that dies (out of memory, a crash) fails its lab, and a fresh one takes the rest.
      worker.on("error", (e) => {
        if (current >= 0) {
          const file = jobs[current].file;
          done({
            index: current,
            result: { file, ok: false, error: "grading failed (" + e.message + ")" },
            cost: { ms: 0, addedBytes: 0, worker: n },
          });
          current = -1;
        }
      });
      worker.on("exit", () => {
        active--;
        if (current >= 0) {
          const file = jobs[current].file;
          done({
            index: current,
            result: { file, ok: false, error: "grading stopped (its worker exited)" },
            cost: { ms: 0, addedBytes: 0, worker: n },
          });
        }
        if (next < jobs.length) start(n);
        else if (active === 0) resolve();
      });
      give();
    };
    for (let n = 1; n <= threads; n++) start(n);
  });
  return results;
}

// The worker: the same bundle, started by gradeAll.
if (!isMainThread && parentPort && workerData && workerData.role === ROLE) {
  const port = parentPort;
  const { expectation, worker, measure } = workerData as { expectation: Expectation; worker: number; measure: boolean };
  const gc = collector(measure);
  port.on("message", (m: { index: number; job: Job }) => {
    port.postMessage(run(m.job, expectation, m.index, worker, gc));
  });
}
