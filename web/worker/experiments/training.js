// The experiment behind the page and most figures: networks trained in lockstep by a Trainer, measured with
// the measures the figure asked for.
import { checkMeasures } from '../measures.js';
import { Trainer } from '../trainer.js';

export class TrainingExperiment {
  /** options: { nets, measures } — the networks to compare and the measures each snapshot carries. */
  constructor({ lab }, settings, { nets, measures = ['curves'] } = {}) {
    this.settings = settings;
    this.measures = checkMeasures(measures);
    this.trainer = new Trainer(lab, settings, nets);
  }

  describe() {
    const t = this.trainer;
    return {
      points: t.points(),
      nets: t.networks.map(({ id, label, batchNorm, affine }) => ({ id, label, batchNorm, affine })),
      notes: t.notes,
    };
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
    return this.trainer.measure(this.measures, { layer: this.settings.layer, unit: this.settings.unit });
  }

  /** New view settings (layer, unit, speed), a new learning rate, and optionally other measures, without rebuilding. */
  view(settings, measures) {
    if (measures) this.measures = checkMeasures([...measures]);
    if (settings.lr !== this.trainer.settings.lr) this.trainer.setLearningRate(settings.lr);
    this.settings = settings;
  }

  /**
   * 'train-on-one-example': asks the core to take a training step of the first batch-normalized network on
   * one example, and returns what it answers (it refuses, changing nothing).
   */
  act(name) {
    if (name !== 'train-on-one-example') throw new Error(`unknown action '${name}': allowed is train-on-one-example`);
    const network = this.trainer.networks.find((n) => n.batchNorm !== 'none') ?? this.trainer.networks[0];
    try {
      network.net.trainStep(this.trainer.seenTrain.subarray(0, 2), this.trainer.train.y.subarray(0, 1), 1);
      return 'trained (unexpected)';
    } catch (error) {
      return error.message;
    }
  }

  dispose() {
    this.trainer.dispose();
  }
}
