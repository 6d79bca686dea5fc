// How smooth the loss is along the gradient (Santurkar et al. 2018, Fig. 4): probe steps of a quarter to four
// learning rates along the gradient, and see how much the loss and the gradient change.
import { MeasureLinesFigure } from './measure-lines.js';

export class SmoothnessFigure extends MeasureLinesFigure {
  static title = 'A smoother landscape';
  static explain =
    'At each moment, take steps of a quarter to four learning rates along the gradient and look again. Left: the ' +
    'largest change of the gradient per unit of distance ("effective β-smoothness"): small means the gradient ' +
    'predicts well what lies ahead, so large steps are safe. Right: how much the loss varies over those steps. In our ' +
    "runs (five seeds) the plain network's β over the first 500 steps is 1.5 to 3.2 times batch norm's — though not in " +
    'the first 50: there the plain network still sits near its starting loss with tiny gradients (β 0.9–1.2), while ' +
    'batch norm, already learning fast, has a β of 4 to 9. Compare the lines from step 100 on.';
  static measures = ['smoothness'];
  static quantities = [
    { title: 'Effective β-smoothness', yLabel: 'max ‖Δ∇L‖ / ‖Δθ‖', value: (net) => net.smoothness?.beta },
    {
      title: 'Loss variation along the gradient',
      yLabel: 'max − min loss',
      value: (net) => (net.smoothness ? net.smoothness.lossMax - net.smoothness.lossMin : null),
    },
  ];
}
