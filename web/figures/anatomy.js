// The transform, one unit at a time: z, ẑ, z̃ and a of one hidden unit on the current mini-batch, with the
// formulas worked through for the first examples.
import { Anatomy } from '../views/anatomy.js';
import { netsFor } from '../worker/trainer.js';
import { Figure } from './figure.js';

export class AnatomyFigure extends Figure {
  static title = 'The transform, one unit at a time';
  static explain =
    'For one hidden unit and the current mini-batch: the batch mean μ is subtracted, the result divided by √(σ² + ε), ' +
    'then stretched by γ and shifted by β, both learned. The histograms share one axis, so the shift and the rescaling ' +
    'show as movement; the table follows the first examples through each formula.';
  static controls = ['layer', 'unit'];
  static measures = ['anatomy'];

  build(body) {
    body.classList.add('anatomy-cards');
    this.cards = new Anatomy(body);
    this.cards.setNets(netsFor(this.settings));
  }

  ready({ nets }) {
    this.cards.setNets(nets);
  }

  draw(s) {
    this.cards.update(s.nets);
  }
}
