// The experiment behind the page and most figures: networks trained in lockstep by a Trainer.
import { Trainer } from '../trainer.js';

export class TrainingExperiment {
  /** options: { nets, snapshot } — the networks to compare and the extras each snapshot carries. */
  constructor(lab, values, options = {}) {
    this.options = options;
    this.values = values;
    this.trainer = new Trainer(lab, values, options.nets);
  }

  describe() {
    const t = this.trainer;
    return { points: t.points(), nets: t.nets.map(({ id, label, batchNorm, affine }) => ({ id, label, batchNorm, affine })), notes: t.notes };
  }

  get step() {
    return this.trainer.step;
  }

  /** One frame: `steps` training steps, stopping early after `budgetMs`. Returns false when nothing is left. */
  frame(steps, budgetMs) {
    const started = performance.now();
    for (let done = 0; done < steps && performance.now() - started < budgetMs; done += 10)
      this.trainer.trainSteps(Math.min(10, steps - done));
    return !this.trainer.allDiverged;
  }

  snapshot() {
    return this.trainer.snapshot({ layer: this.values.layer, unit: this.values.unit, ...this.options.snapshot });
  }

  /** New view values (layer, unit, speed) without rebuilding. */
  view(values) {
    this.values = values;
  }

  dispose() {
    this.trainer.dispose();
  }
}
