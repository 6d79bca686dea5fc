import { Anatomy } from '../views/anatomy.js';
import { Figure } from './figure.js';

export class AnatomyFigure extends Figure {
  static title = 'The transform, one unit at a time';
  static explain =
    'For one hidden unit and the current mini-batch: the batch mean μ is subtracted, the result divided by √(σ² + ε), ' +
    'then stretched by γ and shifted by β, both learned. The histograms share one axis, so the shift and the rescaling ' +
    'show as movement; the table follows the first examples through each formula.';
  static controls = ['layer', 'unit'];

  build(body) {
    body.classList.add('anatomy-cards');
    this.cards = new Anatomy(body);
  }

  ready({ nets }) {
    this.cards.setNets(nets);
  }

  options() {
    return { snapshot: { heatmap: false } };
  }

  draw(s) {
    this.cards.update(s.nets);
  }
}
