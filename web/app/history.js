// Curves over training, kept on the main thread from the snapshots: one column per network and measure.
// Halves itself (every other point) past `limit` points so long runs stay cheap to draw.
export class History {
  constructor(netIds, depth, limit = 1500) {
    this.netIds = netIds;
    this.depth = depth;
    this.limit = limit;
    this.steps = [];
    this.columns = {};
  }

  #column(name) {
    return (this.columns[name] ??= []);
  }

  add(snapshot) {
    if (this.steps.length && snapshot.step <= this.steps.at(-1)) return;
    this.steps.push(snapshot.step);
    const n = this.steps.length;
    for (const id of this.netIds) {
      const s = snapshot.nets.find((net) => net.id === id);
      for (const measure of ['trainLoss', 'testLoss', 'trainAccuracy', 'testAccuracy']) {
        const column = this.#column(`${id}.${measure}`);
        column.length = n - 1;
        column.push(s?.[measure] ?? null);
      }
      for (let l = 0; l < this.depth; l++)
        for (const p of ['p15', 'p50', 'p85']) {
          const column = this.#column(`${id}.layer${l}.${p}`);
          column.length = n - 1;
          const value = s?.layers?.[l]?.[p];
          column.push(Number.isFinite(value) ? value : null);
        }
    }
    if (n > this.limit) {
      const keep = (a) => a.filter((_, i) => i % 2 === 0 || i === a.length - 1);
      this.steps = keep(this.steps);
      for (const k of Object.keys(this.columns)) this.columns[k] = keep(this.columns[k]);
    }
  }

  get(name) {
    return this.columns[name] ?? [];
  }
}
