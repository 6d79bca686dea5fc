// One drawing loop for every figure on the page: each animation frame draws at most two of the figures with
// new data (oldest request first, and no more once 8 ms are spent; painting their canvases costs as much
// again); the rest wait for the next frame. However many figures a page holds, the main thread keeps its
// frame rate and each figure simply redraws less often. With reduced motion, a figure redraws at most four
// times a second.
const waiting = new Set(); // figures with something new to draw: { drawNow(), lastDrawn }
let looping = false;
const DRAW_BUDGET_MS = 8;
const DRAWS_PER_FRAME = 2;
const REDUCED_MOTION_MS = 250;
/** The reader asked for reduced motion: figures redraw less often and start nothing on their own (figure.js). */
export const prefersReducedMotion = () => globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
const reducedMotion = prefersReducedMotion();

export function requestDraw(figure) {
  waiting.add(figure);
  if (looping) return;
  looping = true;
  requestAnimationFrame(drawSome);
}

export function cancelDraw(figure) {
  waiting.delete(figure);
}

function drawSome(now) {
  const started = performance.now(); // not `now`, the frame's time: a late callback must still draw one figure
  let drawn = 0;
  for (const figure of [...waiting]) {
    // a figure that asks again while drawing waits for the next frame
    if (drawn === DRAWS_PER_FRAME || performance.now() - started > DRAW_BUDGET_MS) break;
    if (reducedMotion && now - (figure.lastDrawn ?? -Infinity) < REDUCED_MOTION_MS) continue;
    waiting.delete(figure);
    figure.lastDrawn = now;
    figure.drawNow();
    drawn++;
  }
  if (waiting.size) requestAnimationFrame(drawSome);
  else looping = false;
}
