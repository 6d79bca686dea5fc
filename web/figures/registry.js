// Every embeddable figure by the name a page gives it: <batchnorm-playground figure="NAME">.
import { AnatomyFigure } from './anatomy.js';
import { BatchSizeFigure } from './batch-size.js';
import { CompareFigure } from './compare.js';
import { CovariateShiftFigure } from './covariate-shift.js';
import { DriftFigure } from './drift.js';
import { InputScaleFigure } from './input-scale.js';
import { LrSweepFigure } from './lr-sweep.js';
import { MnistFigure } from './mnist.js';
import { NoisyBnFigure } from './noisy-bn.js';
import { PlacementFigure } from './placement.js';
import { RegularizationFigure } from './regularization.js';
import { SigmoidRangeFigure } from './sigmoid-range.js';
import { SmoothnessFigure } from './smoothness.js';
import { TrainVsEvalFigure } from './train-vs-eval.js';

export const FIGURES = {
  'input-scale': InputScaleFigure,
  compare: CompareFigure,
  anatomy: AnatomyFigure,
  'sigmoid-range': SigmoidRangeFigure,
  placement: PlacementFigure,
  drift: DriftFigure,
  'train-vs-eval': TrainVsEvalFigure,
  'lr-sweep': LrSweepFigure,
  mnist: MnistFigure,
  'noisy-bn': NoisyBnFigure,
  'covariate-shift': CovariateShiftFigure,
  smoothness: SmoothnessFigure,
  regularization: RegularizationFigure,
  'batch-size': BatchSizeFigure,
};
