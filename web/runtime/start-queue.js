// Figures on one page start one after another, not all at once: each waits for the one before it to draw its
// first frame (or for 1.5 s).
let queue = Promise.resolve();

/** Runs start() in turn; start() returns a promise that settles when its figure has drawn its first frame. */
export function startInTurn(start) {
  const run = queue.then(() => Promise.race([start(), new Promise((resolve) => setTimeout(resolve, 1500))]));
  queue = run.catch(() => {});
  return run;
}
