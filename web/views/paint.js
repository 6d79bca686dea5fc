// Paints a grid of values onto a square canvas: one colour per cell, computed by colorOf(value) → [r, g, b],
// drawn through a small tile canvas (kept per grid size) scaled up to the target, smoothed or in crisp cells.
const tiles = new Map(); // grid size → { canvas, context, image }

export function paintGrid(ctx, values, gridSize, colorOf, { smooth = true } = {}) {
  let tile = tiles.get(gridSize);
  if (!tile) {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = gridSize;
    const context = canvas.getContext('2d');
    tile = { canvas, context, image: context.createImageData(gridSize, gridSize) };
    tiles.set(gridSize, tile);
  }
  const data = tile.image.data;
  for (let k = 0; k < gridSize * gridSize; k++) {
    const [r, g, b] = colorOf(values[k]);
    data[4 * k] = r;
    data[4 * k + 1] = g;
    data[4 * k + 2] = b;
    data[4 * k + 3] = 255;
  }
  tile.context.putImageData(tile.image, 0, 0);
  ctx.imageSmoothingEnabled = smooth;
  ctx.drawImage(tile.canvas, 0, 0, ctx.canvas.width, ctx.canvas.height);
}
