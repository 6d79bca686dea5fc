// The transform, one unit at a time: z, ẑ, z̃ and a of one hidden unit on the current mini-batch, with the
// formulas worked through for the first examples.
import { Anatomy } from '../views/anatomy.js';
import { netsFor } from '../worker/trainer.js';
import { Figure } from './figure.js';

export class AnatomyFigure extends Figure {
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
