// Batch norm's slight regularization: each example is normalized with statistics of the others in its batch,
// a noise that shrinks as batches grow. Train and test curves on few, noisy points with a large network.
import { REGULARIZATION_SETTINGS } from '../worker/experiments/why.js';
import { CurvesFigure } from './curves.js';

export class RegularizationFigure extends CurvesFigure {
  static title = 'A little regularization, from the batch';
  static explain =
    'Fifty noisy training points and a network of four layers of 32 units, large enough to memorize them. Solid: ' +
    "training points; dashed: held-out points. Each example is normalized with its batch-mates' mean and variance, " +
    'a noise that shrinks as the batch grows. In our runs (five seeds, 2,000 steps) at a batch of 4 batch norm keeps ' +
    "the train–test accuracy gap near zero (−8 to +4 points) while the plain network's is 10–24 points; with the " +
    'whole training set as one batch the gaps are about the same on average. The narrower gap comes from fitting the ' +
    'training points less: test accuracy is about the same (mean 75% with batch norm, 77% without, at a batch of 4). ' +
    'Move the batch size to see.';
  static controls = ['batch', 'seed'];
  static overrides = { ...REGULARIZATION_SETTINGS, speed: 20 };
}
