// Bounds on the bench: a group of figures that fails is reported as not
// measured (attempt), and a wait that never ends becomes such a failure (within).

/** Groups of figures that failed, by name: reported, not thrown, so one broken group leaves the others. */
export const failed = {};
export async function attempt(name, measure) {
  try {
    return await measure();
  } catch (e) {
    failed[name] = String(e?.message || e).split("\n")[0];
    console.error(`bench: ${name} not measured: ${failed[name]}`);
    return {};
  }
}

/** `promise`, or a rejection naming `what` after `ms`: a wait that never ends becomes a failure. */
export function within(ms, what, promise) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
