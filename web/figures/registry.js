// Every embeddable figure by the name a page gives it (<batchnorm-playground figure="NAME">): its table entry
// (web/state/figures.js) and the view that draws it. The views are the only list here; which figure uses
// which view is the table's to say, and tests/node/figure-table.test.js checks that every view it names exists.
import { FIGURE_TABLE } from '../state/figures.js';
import { AnatomyFigure } from './anatomy.js';
import { BatchSizeFigure } from './batch-size.js';
import { CompareFigure } from './compare.js';
import { CurvesFigure } from './curves.js';
import { DepthFigure } from './depth.js';
import { DriftFigure } from './drift.js';
import { GammaBetaDigitsFigure } from './gamma-beta-digits.js';
import { InputScaleFigure } from './input-scale.js';
import { LrSweepFigure } from './lr-sweep.js';
import { MeasureLinesFigure } from './measure-lines.js';
import { MismatchFigure } from './mismatch.js';
import { MnistFigure } from './mnist.js';
import { NoisyBnFigure } from './noisy-bn.js';
import { SigmoidRangeFigure } from './sigmoid-range.js';
import { TrainVsEvalFigure } from './train-vs-eval.js';

/** The views by file name (web/figures/NAME.js). */
export const VIEWS = {
  anatomy: AnatomyFigure,
  'batch-size': BatchSizeFigure,
  compare: CompareFigure,
  curves: CurvesFigure,
  depth: DepthFigure,
  drift: DriftFigure,
  'gamma-beta-digits': GammaBetaDigitsFigure,
  'input-scale': InputScaleFigure,
  'lr-sweep': LrSweepFigure,
  'measure-lines': MeasureLinesFigure,
  mismatch: MismatchFigure,
  mnist: MnistFigure,
  'noisy-bn': NoisyBnFigure,
  'sigmoid-range': SigmoidRangeFigure,
  'train-vs-eval': TrainVsEvalFigure,
};

/** name → { entry, View }, in the table's order. */
export const FIGURES = Object.fromEntries(
  FIGURE_TABLE.map((entry) => {
    if (!Object.hasOwn(VIEWS, entry.view)) throw new Error(`figure ${entry.name}: no view "${entry.view}"`);
    return [entry.name, { entry, View: VIEWS[entry.view] }];
  }),
);
