// Curves over training, kept on the main thread from the snapshots: named columns against the step. A point
// is appended only when the step grew (a snapshot posted twice, or after a pause, adds nothing), and past
// `limit` points the history halves itself (every other point) so long runs stay cheap to draw.
export class History {
  constructor(limit = 1500) {
    this.limit = limit;
    this.steps = [];
    this.columns = new Map(); // name → values, one per step; null where a value was missing or not finite
  }

  /** Appends { name: value } at `step` if the step grew; returns whether it did. */
  add(step, values) {
    if (this.steps.length && step <= this.steps.at(-1)) return false;
    const before = this.steps.length;
    this.steps.push(step);
    for (const name of Object.keys(values))
      if (!this.columns.has(name)) this.columns.set(name, new Array(before).fill(null));
    for (const [name, column] of this.columns) {
      const value = values[name];
      column.push(Number.isFinite(value) ? value : null);
    }
    if (this.steps.length > this.limit) {
      const keep = (a) => a.filter((_, i) => i % 2 === 0 || i === a.length - 1);
      this.steps = keep(this.steps);
      for (const [name, column] of this.columns) this.columns.set(name, keep(column));
    }
    return true;
  }

  /** The values of `name`, one per step (null where missing): the history's own array, not a copy. */
  get(name) {
    return this.columns.get(name) ?? new Array(this.steps.length).fill(null);
  }

  clear() {
    this.steps = [];
    this.columns.clear();
  }
}
