// The experiments a worker session can run, by the name a figure's table entry gives (web/state/figures.js,
// `experiment`). Each is a class (env, settings, options) with frame(), snapshot(), describe(), view() and
// dispose() (see training.js for the shape).
import { BatchSizeExperiment } from './batch-size.js';
import { DepthExperiment } from './depth.js';
import { InputScaleExperiment } from './input-scale.js';
import { LrSweepExperiment } from './lr-sweep.js';
import { MnistExperiment } from './mnist.js';
import { TrainingExperiment } from './training.js';

export const EXPERIMENTS = {
  training: TrainingExperiment,
  'lr-sweep': LrSweepExperiment,
  'batch-size': BatchSizeExperiment,
  'input-scale': InputScaleExperiment,
  mnist: MnistExperiment,
  depth: DepthExperiment,
};
