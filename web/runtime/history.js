// Curves over training, kept on the main thread from the snapshots: named columns against the step. A point
// is appended only when the step grew (a snapshot posted twice, or after a pause, adds nothing), and past
// `limit` points the history halves itself (every other point) so long runs stay cheap to draw.
export class History {
  constructor(limit = 1500) {
    this.limit = limit;
    this.steps = [];
    this.columns = new Map();  // name → values, one per step; null where a value was missing or not finite
  }

  /** Appends { name: value } at `step` if the step grew; returns whether it did. */
  add(step, values) {
    if (this.steps.length && step <= this.steps.at(-1)) return false;
    this.steps.push(step);
    const n = this.steps.length;
    for (const [name, value] of Object.entries(values)) {
      const column = this.columns.get(name) ?? [];
      column.length = n - 1;  // a column that missed earlier steps is padded with holes
      column.push(Number.isFinite(value) ? value : null);
      this.columns.set(name, column);
    }
    if (n > this.limit) {
      const keep = (a) => a.filter((_, i) => i % 2 === 0 || i === a.length - 1);
      this.steps = keep(this.steps);
      for (const [name, column] of this.columns) {
        column.length = n;
        this.columns.set(name, keep(column));
      }
    }
    return true;
  }

  /** The values of `name`, one per step (null where missing). */
  get(name) {
    const column = this.columns.get(name) ?? [];
    if (column.length < this.steps.length) column.length = this.steps.length;
    return Array.from(column, (v) => v ?? null);
  }

  clear() {
    this.steps = [];
    this.columns.clear();
  }
}
