// Batch norm on z (before the activation) vs on a (after it) vs none, trained together.
import { CurvesFigure } from './curves.js';

export class PlacementFigure extends CurvesFigure {
  static title = 'Normalize z or a?';
  static explain =
    'Batch norm can sit before the activation (on z = w·x + b) or after it (on a = f(z)). The original paper and most ' +
    'code put it before; both are trained here with a plain network, from one start on the same batches. In our runs ' +
    '(five seeds, these defaults: tanh units, small initial weights) both pass 95% test accuracy by step 1,000 while ' +
    'the plain network has barely left chance (61–83% at step 1,000, and its test accuracy still swings from step ' +
    'to step); neither placement is clearly ahead. Switch the activation to sigmoid: at step 500 ' +
    'normalizing a lags in three seeds of five (77–79% against 89–96%), both reach 95–98% by step 3,000, and the plain ' +
    'sigmoid network stays at 50%.';
  static controls = ['dataset', 'activation', 'lr'];
  static overrides = { third: true };
  static table = true;
}
