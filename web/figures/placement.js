// Batch norm on z (before the activation) vs on a (after it) vs none, trained together.
import { CurvesFigure } from './curves.js';

export class PlacementFigure extends CurvesFigure {
  static title = 'Normalize z or a?';
  static explain =
    'Batch norm can sit before the activation (on z = w·x + b) or after it (on a = f(z)). The original paper and most ' +
    'code put it before; both are trained here with a plain network, from one start on the same batches.';
  static controls = ['dataset', 'activation', 'lr'];
  static overrides = { third: true };
  static table = true;
}
