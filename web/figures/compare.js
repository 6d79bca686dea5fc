// Plain vs batch norm from one start on the same mini-batches: learning curves and decision regions.
import { CurvesFigure } from './curves.js';

export class CompareFigure extends CurvesFigure {
  static title = 'Same start, same batches — with and without batch norm';
  static explain =
    'Two copies of one network begin with identical weights and are shown identical mini-batches. The only difference: ' +
    'one rescales every hidden unit over each batch before its activation. Watch which one gets going, and how fast.';
  static controls = ['dataset', 'lr', 'batch', 'activation', 'init'];
  static heatmaps = true;
}
