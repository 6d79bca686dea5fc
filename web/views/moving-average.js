// The smoothing of the claim charts (LineChart's smooth option), apart from the chart so node tests reach it.

/** The moving average of a column over a centred window of `size` points (fewer at the ends); gaps stay gaps. */
export function movingAverage(column, size) {
  const half = Math.floor(size / 2);
  const out = new Array(column.length).fill(null);
  for (let i = 0; i < column.length; i++) {
    if (!Number.isFinite(column[i])) continue;
    const reach = Math.min(half, i, column.length - 1 - i); // symmetric, so the ends do not lag
    let sum = 0,
      n = 0;
    for (let j = i - reach; j <= i + reach; j++)
      if (Number.isFinite(column[j])) {
        sum += column[j];
        n++;
      }
    out[i] = sum / n;
  }
  return out;
}
