// Internal covariate shift measured the way Santurkar et al. (2018) define it: how much a layer's gradient
// changes when the layers below take their step first.
import { MeasureLinesFigure, mean } from './measure-lines.js';

export class CovariateShiftFigure extends MeasureLinesFigure {
  static title = 'Measuring internal covariate shift';
  static explain =
    'For each hidden layer with layers below it: the gradient of its weights on the current batch, and the same ' +
    'gradient after the layers below have taken their step — how much the ground moved under it. Lines: the ' +
    'distance between the two (averaged over the layers) and their cosine (1: unchanged). In our runs (five seeds) ' +
    'batch norm lowers this shift on these small networks, but the noisy batch-norm network shifts more than the ' +
    'plain one and still learns about as fast as batch norm early on (see the noise figure): less shift is not ' +
    'what makes it fast. Santurkar et al. found batch norm did not even reduce it on their image networks.';
  static measures = ['covariateShift'];
  static quantities = [
    { title: 'Change of the gradient (‖G − G′‖)', yLabel: 'ℓ2 distance', value: (net) => mean(net.covariateShift?.map((c) => c.l2)) },
    { title: 'Agreement of the two (cosine)', yLabel: 'cos(G, G′)', yRange: [-1, 1], value: (net) => mean(net.covariateShift?.map((c) => c.cosine)) },
  ];
}
