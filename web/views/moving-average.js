// The smoothing of the claim charts (LineChart's smooth option), apart from the chart so node tests reach it.

/**
 * The moving average of a column over a centred window of `size` points, clipped at the ends (the newest value
 * is averaged with the half window before it, not left alone); gaps stay gaps and are skipped.
 */
export function movingAverage(column, size) {
  const half = Math.floor(size / 2);
  const out = new Array(column.length).fill(null);
  for (let i = 0; i < column.length; i++) {
    if (!Number.isFinite(column[i])) continue;
    let sum = 0,
      n = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(column.length - 1, i + half); j++)
      if (Number.isFinite(column[j])) {
        sum += column[j];
        n++;
      }
    out[i] = sum / n;
  }
  return out;
}
