// Paints a grid of values onto a square canvas: one colour per cell, computed by colorOf(value) → [r, g, b],
// drawn through a small tile canvas scaled up to the target (smoothed or in crisp cells).
export function paintGrid(ctx, values, gridSize, colorOf, { smooth = true } = {}) {
  const image = ctx.createImageData(gridSize, gridSize);
  for (let k = 0; k < gridSize * gridSize; k++) {
    const [r, g, b] = colorOf(values[k]);
    image.data.set([r, g, b, 255], 4 * k);
  }
  const tile = document.createElement('canvas');
  tile.width = tile.height = gridSize;
  tile.getContext('2d').putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = smooth;
  ctx.drawImage(tile, 0, 0, ctx.canvas.width, ctx.canvas.height);
}
