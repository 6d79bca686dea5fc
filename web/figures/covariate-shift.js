// Internal covariate shift measured the way Santurkar et al. (2018) define it: how much a layer's gradient
// changes when the layers below take their step first.
import { MeasureLinesFigure, mean } from './measure-lines.js';

export class CovariateShiftFigure extends MeasureLinesFigure {
  static title = 'Measuring internal covariate shift';
  static explain =
    'For each hidden layer with layers below it: the gradient of its weights on the current batch, and the same ' +
    'gradient after the layers below have taken their step — how much the ground moved under it. Lines: the ' +
    'distance between the two (averaged over the layers) and their cosine (1: unchanged). In our runs (five seeds, ' +
    'to step 1,000) batch norm lowers this shift on average (not in every seed), and the noisy batch-norm network ' +
    'shifts far more than plain batch norm — 2.5 times the distance, a lower cosine in every seed, and averaged over ' +
    'the five seeds more than the plain network (not in every seed: at the default seed the two are close) — yet learns about as fast as batch norm early on (see the noise figure): less ' +
    'shift is not what makes it fast. (Part of its larger distance is its larger gradient: the noise scales it by ' +
    '1 to 2; the cosine is free of that.) In the first 50 steps the plain network barely moves (distance near 0, ' +
    "cosine 1) while the batch-norm ones already learn; compare the lines from step 100 on. In Santurkar et al.'s " +
    'experiments batch norm did not reduce the shift at all.';
  static measures = ['covariateShift'];
  static quantities = [
    {
      title: 'Change of the gradient (‖G − G′‖)',
      yLabel: 'ℓ2 distance',
      value: (net) => mean(net.covariateShift?.map((c) => c.l2)),
    },
    {
      title: 'Agreement of the two (cosine)',
      yLabel: 'cos(G, G′)',
      yRange: [-1, 1],
      value: (net) => mean(net.covariateShift?.map((c) => c.cosine)),
    },
  ];
}
