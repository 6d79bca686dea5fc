// The playground's Web Worker: owns the wasm networks, trains them, and posts snapshots (transferable
// arrays) at most about 25 times a second. The page never trains.
//   in:  { type: 'configure', values } | 'play' | 'pause' | 'step' | 'reset' | { type: 'view', values }
//   out: { type: 'ready', points, nets } | { type: 'snapshot', …, stepsPerSecond, playing } | { type: 'error', message }
import { createLab } from '../lib/lab.js';
import { Trainer } from './trainer.js';

const FRAME_MS = 40;
const BUSY_MS = 200;  // a frame never trains longer than this, so pause and new settings are heard promptly
let lab = null, trainer = null, values = null, playing = false, timer = null;
const recent = [];  // [time, step] pairs of the last second, for the steps/s readout

function post(message, transfer = []) {
  postMessage(message, transfer);
}

function fail(error) {
  playing = false;
  post({ type: 'error', message: error?.message ?? String(error) });
}

function snapshot() {
  const now = performance.now();
  recent.push([now, trainer.step]);
  while (recent.length > 2 && now - recent[0][0] > 1000) recent.shift();
  const [t0, s0] = recent[0];
  const stepsPerSecond = now > t0 ? ((trainer.step - s0) * 1000) / (now - t0) : 0;
  const { message, transfer } = trainer.snapshot({ layer: values.layer, unit: values.unit });
  post({ type: 'snapshot', ...message, stepsPerSecond, playing }, transfer);
}

function frame() {
  timer = null;
  if (!playing || !trainer) return;
  const started = performance.now();
  try {
    for (let done = 0; done < values.speed && performance.now() - started < BUSY_MS; done += 10)
      trainer.trainSteps(Math.min(10, values.speed - done));
    if (trainer.allDiverged) playing = false;
    snapshot();
  } catch (error) {
    return fail(error);
  }
  if (playing) timer = setTimeout(frame, Math.max(0, FRAME_MS - (performance.now() - started)));
}

function build() {
  trainer?.dispose();
  trainer = new Trainer(lab, values);
  recent.length = 0;
  post({ type: 'ready', points: trainer.points(), nets: trainer.nets.map(({ id, label, batchNorm }) => ({ id, label, batchNorm })), notes: trainer.notes });
  snapshot();
}

const ready = createLab().then(
  (created) => (lab = created),
  (error) => fail(error),
);

onmessage = async ({ data }) => {
  await ready;
  if (!lab) return;
  try {
    switch (data.type) {
      case 'configure':
        values = data.values;
        build();
        break;
      case 'reset':
        build();
        break;
      case 'view':
        values = data.values;
        if (!playing && trainer) snapshot();
        break;
      case 'play':
        if (!playing && trainer && !trainer.allDiverged) {
          playing = true;
          recent.length = 0;
          frame();
        }
        break;
      case 'pause':
        playing = false;
        if (timer) clearTimeout(timer), (timer = null);
        if (trainer) snapshot();
        break;
      case 'step':
        if (trainer && !playing) {
          trainer.trainSteps(1);
          snapshot();
        }
        break;
    }
  } catch (error) {
    fail(error);
  }
};
