// Every embeddable figure, once: what it is called and says (title, caption), what it runs (the experiment in
// the worker, its networks, the settings it changes from the defaults, the measures each snapshot carries),
// what a reader may change (controls), the view that draws it, and what its caption claims (the bounds that
// tests/browser/claims.test.js checks on screen, and the node test that measures it over seeds). Every list of
// figures reads this table or is tested against it: the element's registry, the worker's experiments, the
// claim tests, the types in web/element/index.d.ts and docs/figures.md (tests/node/figure-table.test.js).
// DOM-free, so node tests and the worker can read it.
//
// An entry:
//   name         the element's figure attribute
//   title        shown above the figure
//   caption      what its defaults show, measured over seeds; may hold {setting} to show a live value
//   view         the file in web/figures/ that draws it
//   experiment   the worker's experiment (web/worker/experiments/index.js)
//   autorun      runs at once when shown (quick, finite sweeps); otherwise it trains from Play
//   overrides    settings it changes from the page's defaults (web/state/settings.js)
//   nets         the networks it trains (default: the settings decide, see netsFor in web/worker/trainer.js)
//   measures     what a 'training' experiment puts in each snapshot (web/worker/measures.js)
//   controls     the settings it shows as controls
//   viewControls controls of its own view (not settings) that a page can also name in `controls`, shown by default
//   quantities   for the measure-lines view: one chart each, value(net) read from a snapshot's network
//   summaryTable for the curves view: a table of where each network stands
//   smooth       for the curves view: its lines also as moving averages over this many points (LineChart)
//   claim        { says, node, step, bounds }: the caption's claim in a line, the node test file that holds
//                "NAME: …" measured over seeds, the step by which it shows, and { quantity: [min, max] }

const mean = (values) => (values?.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

/** A setting where all three networks of noisy-bn, covariate-shift and smoothness learn within a few hundred steps. */
export const WHY_SETTINGS = {
  dataset: 'circle',
  depth: 4,
  width: 16,
  activation: 'tanh',
  init: 'xavier',
  lr: 0.3,
  layer: 4,
  unit: 1,
};

/** The injected noise's magnitude a: scales in [1, 2], shifts in [−1, 1] per unit and step. */
export const NOISE = 1;

export const WHY_NETS = [
  { id: 'plain', label: 'no batch norm', batchNorm: 'none' },
  { id: 'before', label: 'batch norm', batchNorm: 'before' },
  { id: 'noisy', label: 'batch norm + noise', batchNorm: 'before', noise: NOISE },
];

/** What noisy-bn, covariate-shift and smoothness share: the three networks at WHY_SETTINGS, two controls. */
const WHY_FIGURE = {
  experiment: 'training',
  overrides: { ...WHY_SETTINGS, speed: 5 },
  nets: WHY_NETS,
  controls: ['lr', 'seed'],
};

export const FIGURE_TABLE = [
  {
    name: 'input-scale',
    title: 'Inputs on very different scales',
    caption:
      'A two-weight linear model fitted by gradient descent. Here one input is 100 times larger than the other, and the cost is a long narrow valley: a step size small enough for its steep sides crawls along its floor (about 90,000 steps). Tick "Normalize the inputs": both are standardized, the valley turns into a round bowl (the two inputs here are independent: correlated ones would leave it tilted and narrow), and it is crossed in a few steps whatever the scale. Move the scale to see the count grow with its square.',
    view: 'input-scale',
    experiment: 'input-scale',
    autorun: true,
    overrides: { scale: 100 },
    controls: ['scale', 'normalize'],
    claim: {
      says: 'at scale 100 about 90,000 steps; normalized, a few',
      node: 'tests/node/figures.test.js',
      bounds: { 'steps at scale 100': [50000, 150000], 'steps once normalized': [1, 10] },
    },
  },
  {
    name: 'compare',
    title: 'Same start, same batches — with and without batch norm',
    caption:
      'Two copies of one network begin with identical weights and are shown identical mini-batches. The only difference: one rescales every hidden unit over each batch before its activation. The default start uses small weights (σ = 0.1): the plain network then sits at loss ln 2 for 500 steps or more (five seeds), while batch norm learns at once — it removes the sensitivity to the initial scale. For a fair race, start both from Xavier weights: then the plain network learns too (training loss at step 250: 0.14–0.45 against 0.04–0.11 with batch norm).',
    view: 'compare',
    experiment: 'training',
    overrides: {},
    measures: ['curves', 'boundary'],
    controls: ['dataset', 'lr', 'batch', 'activation', 'init'],
    claim: {
      says: 'from the small start the plain network still sits near ln 2 at step 500; batch norm has learned by 250',
      node: 'tests/node/why.test.js',
      step: 500,
      bounds: { 'plain training loss at 500': [0.6, Infinity], 'batch norm training loss at 250': [0, 0.2] },
    },
  },
  {
    name: 'anatomy',
    title: 'The transform, one unit at a time',
    caption:
      'For one hidden unit and the current mini-batch: the batch mean μ is subtracted, the result divided by √(σ² + ε), then stretched by γ and shifted by β, both learned. The histograms share one axis, so the shift and the rescaling show as movement; the table follows the first examples through each formula.',
    view: 'anatomy',
    experiment: 'training',
    overrides: {},
    measures: ['anatomy'],
    controls: ['layer', 'unit'],
    claim: {
      says: 'ẑ and z̃ on the shown batch are the formulas applied to z',
      node: 'tests/node/trainer.test.js',
      step: 50,
      bounds: {
        'largest difference from ẑ and z̃ computed by hand': [0, 1e-4],
        'mean of ẑ': [-1e-4, 1e-4],
        'mean of ẑ²': [0.99, 1.01],
      },
    },
  },
  {
    name: 'sigmoid-range',
    title: 'γ and β: letting each unit leave the centre',
    caption:
      "Both networks normalize; one learns γ and β, the other keeps them at 1 and 0. Frozen, every normalized input ẑ is centred at zero, and on data symmetric about the origin it is an odd function of x; so is σ(ẑ) − ½, and the network's output before its final sigmoid is a constant plus an odd function of x. A circle needs an even one, so it cannot be drawn (in our runs, five seeds: 36–63% test accuracy, against 99–100% with γ, β learned). The histograms show where the sigmoid inputs sit. The paper's reason for γ and β is the general one: with them a normalized layer can still represent the identity, so normalizing takes nothing away.",
    view: 'sigmoid-range',
    experiment: 'training',
    overrides: { activation: 'sigmoid', dataset: 'circle', noise: 0.05, depth: 2, width: 8, lr: 1, speed: 20 },
    nets: [
      { id: 'learned', label: 'γ, β learned', batchNorm: 'before', affine: true },
      { id: 'frozen', label: 'γ, β frozen at (1, 0)', batchNorm: 'before', affine: false },
    ],
    measures: ['curves', 'saturation'],
    controls: ['dataset', 'lr', 'layer'],
    claim: {
      says: 'γ, β learned fits the circle; frozen at (1, 0) it cannot',
      node: 'tests/node/why.test.js',
      step: 2000,
      bounds: { 'test accuracy, γ and β learned': [0.95, 1], 'test accuracy, γ and β frozen': [0, 0.7] },
    },
  },
  {
    name: 'placement',
    title: 'Normalize z or a?',
    caption:
      'Batch norm can sit before the activation (on z = w·x + b) or after it (on a = f(z)). The original paper and most code put it before; both are trained here with a plain network, from one start on the same batches. In our runs (five seeds, these defaults: tanh units, small initial weights) both reach 95% test accuracy by step 1,000 while the plain network is at 61–83% (and its test accuracy still swings from step to step); neither placement is clearly ahead. Switch the activation to sigmoid and which placement is ahead depends on when you look: at step 300 normalizing a is ahead in four seeds of five; at steps 500 and 1,000 it is 10 or more points behind in three and two seeds (77–79% while normalizing z is at 89–98%), both reach 95–98% by step 3,000, and the plain sigmoid network stays at 50%.',
    view: 'curves',
    experiment: 'training',
    overrides: { third: true },
    measures: ['curves'],
    summaryTable: true,
    controls: ['dataset', 'activation', 'lr'],
    claim: {
      says: 'both placements pass 95% test accuracy by step 1,000',
      node: 'tests/node/why.test.js',
      step: 1000,
      bounds: { 'best test accuracy to 1,000, on z': [0.95, 1], 'best test accuracy to 1,000, on a': [0.95, 1] },
    },
  },
  {
    name: 'drift',
    title: 'The second explanation: steadier inputs for later layers',
    caption:
      "The 15th, 50th and 85th percentiles of what one sigmoid in the last hidden layer receives over the training set, while two networks that both learn the task (two layers of 8 sigmoids, Xavier initial weights) train. Without batch norm the band starts narrow and spreads and slides as the layer below learns; with batch norm it is wide from the start. How far each moves depends on how often you look. In our runs (five seeds, 3,000 steps), sampled every 100 steps the plain band moved 4 to 14 times its own mean width and the batch-norm band 2 to 3.5 times; sampled every 20 steps, as drawn here, 11 to 28 times against 9 to 13, the two alike in one seed. Measured in the input's own units rather than the band's width, the batch-norm band moved further in two seeds of five: batch norm keeps the band wide, not still — γ and β learn too. The mnist figure shows the paper's own version (Ioffe & Szegedy, 2015, Figure 1).",
    view: 'drift',
    experiment: 'training',
    // A sigmoid unit of the last hidden layer, in networks that both learn the circle.
    overrides: {
      activation: 'sigmoid',
      depth: 2,
      width: 8,
      dataset: 'circle',
      init: 'xavier',
      lr: 2,
      layer: 2,
      unit: 1,
      speed: 20,
    },
    measures: ['unitBand'],
    controls: ['unit', 'lr'],
    claim: {
      says: "the plain unit's input band moves more, relative to its width, than batch norm's",
      node: 'tests/node/why.test.js',
      step: 3000,
      bounds: { 'band movement / width, plain ÷ batch norm': [1.2, Infinity] },
    },
  },
  {
    name: 'train-vs-eval',
    title: 'Training mode and test time',
    caption:
      "While training, each unit is normalized with its own batch's μ and σ². A trained network must answer for one example at a time, so it keeps running averages of both and uses those instead. Each step moves the averages by the momentum — here 0.01, Keras' default (its 0.99 is the weight of the old average; PyTorch counts the newest batch's). The averages start at μ = 0 and σ² = 1, and an average moved 1% a step keeps 0.99ᵗ of its weight on that start: 37% after 100 steps, 5% after 300. In our runs (five seeds), for the unit in the σ² chart (layer 1, unit 1), most of the running σ² at step 100 is that start-up weight: 0.37–0.39, while its batches' σ² is 0.02–0.09 and the average without the start-up weight 0.01–0.04. Test accuracy with the running averages stays near chance (at most 65%) for the first 100 steps and 10 points or more below the test set's own statistics until step 275–320, while statistics recomputed from the training set (precise batch norm: the averages over its mini-batches, as the paper's Algorithm 2 does) are at most 2 to 7 points below the test set's own from the first steps. Move the momentum to 0.1, PyTorch's default: the accuracy is more than 10 points below on only 5 to 20 steps, the last by step 35–120. At a batch of 2 every normalized value is ±1 and nothing is learned.",
    view: 'train-vs-eval',
    experiment: 'training',
    overrides: { momentum: 0.01, speed: 5, layer: 1, unit: 1 },
    nets: [{ id: 'before', label: 'batch norm on z', batchNorm: 'before' }],
    measures: ['curves', 'anatomy', 'evalVsBatch', 'recomputed'],
    controls: ['batch', 'momentum', 'lr'],
    claim: {
      says: "early on, the running averages' start-up weight costs the test accuracy that recomputed statistics keep",
      node: 'tests/node/why.test.js',
      step: 400,
      bounds: {
        'largest accuracy gap, own statistics − running averages': [0.3, 1],
        'largest accuracy gap, own statistics − recomputed statistics': [-1, 0.12],
        'running σ² at step 100': [0.3, 0.45],
      },
    },
  },
  {
    name: 'lr-sweep',
    title: 'Higher learning rates',
    caption:
      'The same network (four layers of 8 ReLUs) trained for 300 steps at each of 16 learning rates, with and without batch norm, from one start on one sequence of batches. The loss chart: the loss after training; open circles at the top mark runs whose loss became infinite or ended above 2. The dead-ReLU chart: how many of the 32 ReLUs are dead, giving 0 for every one of the 400 points. In our runs (five seeds) both learn as well from 0.1 to 0.46. At 2.2 the plain network does not blow up: it ends at chance (loss 0.69 to 0.71, ln 2 being 0.69) because its ReLUs died — all 8 of its last hidden layer in every seed, so it gives every point the same answer — while the batch-norm network keeps at most 2 dead in any layer and reaches a loss of 0.06 to 0.12. From 10 on both fail (losses of 0.72 or more; from 22 most above 2, drawn as blown up), with 14 to 32 of their 32 ReLUs dead.',
    view: 'lr-sweep',
    experiment: 'lr-sweep',
    autorun: true,
    overrides: { activation: 'relu', init: 'he', depth: 4 },
    controls: ['dataset', 'activation', 'batch'],
    claim: {
      says: 'at lr 2.2 the plain network stalls at ln 2 with its last hidden layer dead; batch norm keeps its ReLUs and learns',
      node: 'tests/node/figures.test.js',
      bounds: {
        'largest rate with loss < 0.3, batch norm ÷ plain': [1.0001, Infinity],
        'loss at lr 2.2, plain': [0.68, 0.72],
        'dead ReLUs in the last hidden layer at lr 2.2, plain': [8, 8],
        'most dead ReLUs in any layer at lr 2.2, batch norm': [0, 2],
        'loss at lr 2.2, batch norm': [0, 0.15],
      },
    },
  },
  {
    name: 'mnist',
    title: "The paper's experiment: MNIST",
    caption:
      'Ioffe and Szegedy\'s first test: a network of three hidden layers of 100 sigmoids reads 28×28 handwritten digits, in mini-batches of 60, for 50,000 steps, with and without batch norm — here on real MNIST digits: a sample of 10,000 (8,000 to learn from, 2,000 to test on), or all 70,000 with the "full MNIST" switch (60,000 and 10,000, as in the paper). (a) Test accuracy; (b) and (c) what one sigmoid of the last hidden layer receives, without and with batch norm, on one scale.',
    view: 'mnist',
    experiment: 'mnist',
    overrides: { lr: 0.1, speed: 1e9 },
    controls: ['lr', 'seed'],
    viewControls: ['data'], // the "full MNIST" switch
    claim: {
      says: 'at steps 500 and 1,000 batch norm is more than 10 points ahead in test accuracy',
      node: 'tests/node/mnist.test.js',
      step: 1000,
      bounds: {
        'test accuracy at 500, batch norm − plain': [0.1, 1],
        'test accuracy at 1,000, batch norm − plain': [0.1, 1],
      },
    },
  },
  {
    name: 'noisy-bn',
    title: 'Noise after batch norm: inputs that never hold still, training that still goes fast',
    caption:
      "If batch norm helped by keeping each layer's inputs steady, shaking them on purpose should undo the benefit. The third network adds, after every batch-norm unit and at every step, a random scale (1 to 2) and shift (−1 to 1), a size of our choosing. Below: what one last-layer unit receives over the current mini-batch during training. In our runs (five seeds, to step 1,000) its band moves 2 to 5 times as much as plain batch norm's (sampled at ten checkpoints), yet at step 100 its training loss is as low (mean 0.15 for both, 0.34 without batch norm). Santurkar et al. (2018) found the same on their networks, with a noise drawn for every activation of every example from a distribution that itself changes at every step; ours is one scale and shift per unit and step, shared by the batch.",
    view: 'noisy-bn',
    smooth: 9,
    ...WHY_FIGURE,
    measures: ['curves', 'trainingBand'],
    claim: {
      says: "noise makes a unit's inputs move more than plain batch norm's, and early training is still as fast",
      node: 'tests/node/why.test.js',
      step: 1000,
      bounds: {
        'training loss at 100, plain − batch norm': [0.1, Infinity],
        'training loss at 100, plain − noisy': [0.1, Infinity],
        'band movement, noisy ÷ batch norm': [1.5, Infinity],
      },
    },
  },
  {
    name: 'covariate-shift',
    title: 'Measuring internal covariate shift',
    caption:
      "For each hidden layer with layers below it: the gradient of its weights on the current batch, and the same gradient after the layers below have taken their step — how much the ground moved under it. Lines: the distance between the two (averaged over the layers) and their cosine (1: unchanged). In our runs (five seeds, every 5 steps to step 1,000) batch norm lowers this shift — by distance in 4 seeds of 5, by cosine in all 5 (0.94–0.97 against 0.66–0.82). The noisy batch-norm network shifts more than plain batch norm by both measures in every seed (2.0 to 2.9 times the distance, a cosine 0.06 lower) — yet learns about as fast as batch norm early on (see the noise figure): batch norm's low shift is not what makes it fast (by the cosine the noisy network still shifts less than the plain one, so this does not rule out that some reduction helps). Against the network without batch norm the two measures disagree: by distance the noisy one shifts more on average (0.084 against 0.073) but in only 2 seeds of 5; by cosine it shifts less in all 5. (The noise scales the gradient by 1 to 2, which may account for part of the larger distance — not measured here; the cosine does not depend on scale.) In the first 50 steps the plain network barely moves (distance near 0, cosine 1) while the batch-norm network already learns. In Santurkar et al.'s experiments batch norm did not reduce the shift at all.",
    view: 'measure-lines',
    ...WHY_FIGURE,
    measures: ['covariateShift'],
    quantities: [
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
    ],
    claim: {
      says: 'the noisy network shifts more than plain batch norm, by distance and by cosine',
      node: 'tests/node/why.test.js',
      step: 1000,
      bounds: {
        'mean ℓ2 shift, noisy ÷ batch norm': [1.5, Infinity],
        'mean cosine, batch norm − noisy': [0.03, 1],
      },
    },
  },
  {
    name: 'smoothness',
    title: 'Sharpness along the gradient',
    caption:
      "At each moment, take steps of a quarter to four learning rates along the gradient and look again. The first chart: the sharpness, the largest change of the gradient per unit of distance moved (Santurkar et al. call it effective β-smoothness; it has nothing to do with batch norm's β): small means the gradient predicts well what lies ahead, so large steps are safe (Santurkar et al.'s reading). The second: how much the loss varies over those steps. The first points are step 0: the initial weights, on the first mini-batch. In our runs (five seeds) batch norm makes the network sharper at the start — at step 0 its sharpness is 8.4 to 23 against 0.5 to 3.2 without batch norm, over steps 5 to 50, 4.4 to 8.6 against 0.9 to 1.2 — and smoother once training is under way: from step 100 to 500, 1.3 against 3.3 to 4.8 without it.",
    view: 'measure-lines',
    ...WHY_FIGURE,
    measures: ['smoothness'],
    quantities: [
      {
        title: 'Sharpness (gradient change per distance)',
        yLabel: 'max ‖Δ∇L‖ / ‖Δθ‖',
        value: (net) => net.smoothness?.beta,
      },
      {
        title: 'Loss variation along the gradient',
        yLabel: 'max − min loss',
        value: (net) => (net.smoothness ? net.smoothness.lossMax - net.smoothness.lossMin : null),
      },
    ],
    claim: {
      says: 'batch norm is the sharper network at the initial weights; from step 100 to 500 the plain one is',
      node: 'tests/node/why.test.js',
      step: 500,
      bounds: {
        'sharpness at step 0, batch norm ÷ plain': [3, Infinity],
        'mean sharpness from 100 to 500, plain ÷ batch norm': [1.8, Infinity],
      },
    },
  },
  {
    name: 'regularization',
    title: 'A little regularization, from the batch',
    caption:
      "Fifty noisy training points and a network of four layers of 32 units, large enough to memorize them. Wide faint lines: training points; dashed: held-out points. Each example is normalized with its batch-mates' mean and variance, a noise that shrinks as the batch grows. In our runs (five seeds, 2,000 steps) at a batch of 4 batch norm keeps the train–test accuracy gap near zero (−8 to +4 points) while the plain network's is 10–24 points; with the whole training set as one batch the gaps are about the same on average. The narrower gap comes from fitting the training points less: test accuracy is about the same (mean 75% with batch norm, 77% without, at a batch of 4). Nor is it noise in batch norm's running averages: with its statistics recomputed from the training set after training (precise batch norm), the gap is about as narrow (−10 to +8 points); the averages account for 7% of the narrowing. Move the batch size to see.",
    view: 'curves',
    experiment: 'training',
    // Few, noisy training points and a network large enough to memorize them.
    overrides: {
      dataset: 'circle',
      examples: 100,
      noise: 0.3,
      depth: 4,
      width: 32,
      activation: 'relu',
      init: 'he',
      lr: 0.1,
      batch: 4,
      speed: 20,
    },
    measures: ['curves'],
    controls: ['batch', 'seed'],
    claim: {
      says: "at a batch of 4 batch norm's train–test gap is narrower than the plain network's",
      node: 'tests/node/why.test.js',
      step: 2000,
      bounds: { 'train − test accuracy at 2,000, plain − batch norm': [0.05, Infinity] },
    },
  },
  {
    name: 'batch-size',
    title: 'Small batches: where batch norm breaks and layer norm does not',
    caption:
      'Batch norm normalizes each unit with the mean and variance of the current batch, so it needs a batch. Here three networks — plain, batch norm, layer norm (each example normalized over its own units) — train for the same number of steps at each batch size. At these defaults, in our runs over five seeds, batch norm at a batch of 2 stays at chance (46–50% test accuracy; with two examples every normalized value is exactly ±1) while the other two reach 80–96%; at 4, its training-mode predictions on the test set (each batch of 4 normalized with its own statistics) are 10–22 points worse than its test-time ones; from 32 on the three agree within a few points. (The largest batch, 256, is cut to the 200 training points.)',
    view: 'batch-size',
    experiment: 'batch-size',
    autorun: true,
    overrides: { init: 'xavier' },
    controls: ['dataset', 'lr'],
    claim: {
      says: 'at a batch of 2 batch norm stays near chance; plain and layer norm learn',
      node: 'tests/node/why.test.js',
      bounds: {
        'test accuracy at batch 2, batch norm': [0, 0.55],
        'test accuracy at batch 2, plain': [0.75, 1],
        'test accuracy at batch 2, layer norm': [0.75, 1],
      },
    },
  },
  {
    name: 'mismatch',
    title: 'Train/test mismatch, and three fixes',
    caption:
      "Batch norm trains on each batch's own statistics and is tested with running averages, and two things can make them differ. Early on, the averages still carry their starting values (the train-vs-eval figure); recomputing the statistics from the training set removes that (precise batch norm: the 2015 paper's Algorithm 2). And at small batches each batch's statistics are noisy, so the network learns on values normalized one way and is tested on values normalized another; batch renormalization (Ioffe 2017) corrects each batch's normalized values towards the running statistics during training (by r = σ_B/σ and d = (μ_B − μ)/σ, clipped to at most 3 and 5), so that training sees what testing will. Layer norm needs no batch at all. Each network trains 600 steps at each batch size (Xavier initial weights, momentum {momentum}). In our runs (five seeds, momentum 0.1): at a batch of 2 batch norm stays at chance (41–50%) with running averages and with recomputed statistics alike, while batch renormalization reaches 71–84% and layer norm 80–93%. At 4, batch norm reaches 79–95% with running averages and 75–96% recomputed — after 600 steps the start-up weight is long gone, so recomputing (dotted) does not help; what is left is presumably small-batch noise — and its training-mode predictions on the test set (dashed) 69–77%; batch renormalization 93–97%, layer norm 87–95%. From 8 on the test-time accuracies are 90–99%, and training mode 80–91% at 8. (The largest batch, 256, is cut to the 200 training points.)",
    view: 'mismatch',
    experiment: 'batch-size',
    autorun: true,
    overrides: { init: 'xavier' },
    nets: [
      { id: 'before', label: 'batch norm', batchNorm: 'before' },
      { id: 'renorm', label: 'batch renormalization', batchNorm: 'before', renorm: { rMax: 3, dMax: 5 } },
      { id: 'layer', label: 'layer norm', batchNorm: 'none', layerNorm: 'before' },
    ],
    controls: ['dataset', 'momentum', 'lr'],
    claim: {
      says: 'at batches of 2 and 4 batch renormalization and layer norm hold up; recomputed statistics do not help after 600 steps',
      node: 'tests/node/why.test.js',
      bounds: {
        'test accuracy at batch 2, batch norm': [0, 0.55],
        'test accuracy at batch 2, batch renormalization': [0.65, 1],
        'test accuracy at batch 4, batch renormalization': [0.88, 1],
        'test accuracy at batch 2, layer norm': [0.75, 1],
      },
    },
  },
  {
    name: 'scale-invariance',
    title: 'Scale invariance: the weights grow, the step shrinks',
    caption:
      "With batch norm after a layer, multiplying its weights W by any k > 0 changes nothing downstream (Ioffe and Szegedy note it in 2015): the loss depends on W's direction only, so its gradient is orthogonal to W, and k times smaller at kW. Each plain SGD step then lengthens W (‖W‖² grows by exactly lr²‖∇W‖²), and the step's effect on W's direction falls like lr/‖W‖², the effective learning rate (van Laarhoven 2017; Hoffer et al. 2018). Weight decay (here λ = {weightDecay}, on every parameter, as PyTorch's weight_decay) pulls the length back until the two balance (Zhang et al. 2019; Li and Arora 2020). Four layers of 16 tanh units, Xavier weights, one start, the same batches; charted: hidden layer {layer}, and the loss over the training set with batch statistics. In our runs (five seeds, lr 0.3, λ = 0.01, 2,000 steps) the cosine of W and its gradient stays below 3·10⁻⁴ with batch norm (the ε added to σ² breaks the invariance slightly), against up to 0.1–0.23 without. Without weight decay ‖W‖ grows from 3.8–4.1 to 5.3–5.5 and the effective learning rate about halves; with it ‖W‖ settles at 1.5–1.7 — also when it starts 10 times longer — and the rate 5 to 7 times above its start. Scale the hidden weights by 10: batch norm's loss at step 0 stays as it was (0.70–1.03; the plain network's 0.69–0.71 becomes 0.74–1.27), and without decay batch norm then keeps a 100 times smaller effective rate for all 2,000 steps, yet reaches 96–98% test accuracy. At this λ the decayed network's test accuracy at step 2,000 is within 1.5 points of the undecayed one's in four seeds and 9.5 points lower in one (86% against 95.5%).",
    view: 'measure-lines',
    experiment: 'training',
    overrides: { ...WHY_SETTINGS, layer: 2, weightDecay: 0.01, speed: 20 },
    nets: [
      { id: 'plain', label: 'no batch norm', batchNorm: 'none', weightDecay: 0 },
      { id: 'before', label: 'batch norm', batchNorm: 'before', weightDecay: 0 },
      { id: 'decay', label: 'batch norm + weight decay', batchNorm: 'before' },
    ],
    measures: ['weightScale'],
    controls: ['weightScale', 'weightDecay', 'layer', 'lr', 'seed'],
    quantities: [
      {
        title: 'Loss on the training set (batch statistics)',
        yLabel: 'loss',
        value: (net) => net.weightScale?.loss ?? null,
      },
      {
        title: "Length of the layer's weights ‖W‖",
        yLabel: '‖W‖',
        logY: true,
        value: (net) => net.weightScale?.weightNorm ?? null,
      },
      {
        title: 'Effective learning rate lr/‖W‖²',
        yLabel: 'lr/‖W‖²',
        logY: true,
        value: (net) => (net.batchNorm === 'none' ? null : (net.weightScale?.effectiveRate ?? null)),
      },
    ],
    claim: {
      says: 'without weight decay ‖W‖ grows and the effective learning rate falls; with it ‖W‖ settles lower and the rate higher',
      node: 'tests/node/why.test.js',
      step: 2000,
      bounds: {
        '‖W‖ at 2,000 ÷ at 0, batch norm': [1.2, 2],
        '‖W‖ at 2,000 ÷ at 0, batch norm + weight decay': [0.2, 0.6],
        'effective learning rate at 2,000 ÷ at 0, batch norm + weight decay': [3, 12],
      },
    },
  },
  {
    name: 'depth',
    title: 'Deep networks at the start: batch norm makes gradients explode',
    caption:
      "Yang et al. (2019) proved that at random initial weights batch norm makes gradients explode with depth: going back through each batch-normalized layer multiplies them by a factor above 1. Here networks of 2 to 48 hidden layers of 16 units ({activation}, {init} initial weights), plain and with batch norm, at their initial weights on the first mini-batch. In our runs (five seeds, tanh, Xavier) the first layer's gradient, relative to the last hidden layer's, grows with depth only with batch norm: 0.9–1.4 times at 4 layers, 4–24 at 16, 110–1,500 at 48, against 0.07–3.5 at 48 without (with ReLUs and He weights: 11,000–170,000 at 48). The sharpness at step 0 (the smoothness figure's measure) is 11 to 55 with batch norm at every depth from 4 layers on, without a trend; without batch norm it is lower at 4 to 16 layers (0.8–5.5) and higher in the deeper networks (2.2–20 at 24 to 48 layers; at 48 higher than batch norm's in two seeds). Trained at 32 layers (lr 0.3), batch norm's first steps lengthen the first layer's weights 1.8 to 6.3 times within 10 steps — by the scale-invariance figure, cutting that layer's effective learning rate 3 to 40 times (whether that is why the warm-up below does not help, we have not measured). A linear warm-up of the learning rate over the first 100 steps spreads that growth out (1.1–2.2 times by the end of the warm-up, 1.8–3.6 by step 500, against 2.1–6.5 without) but did not help here: training loss at step 500 is 0.24–0.50 with it against 0.09–0.36 without (lower in 1 seed of 5), while the plain network stays at ln 2 (0.69–0.70).",
    view: 'depth',
    experiment: 'depth',
    autorun: true,
    overrides: { dataset: 'circle', width: 16, activation: 'tanh', init: 'xavier', lr: 0.3 },
    controls: ['activation', 'init', 'lr', 'seed'],
    claim: {
      says: 'with batch norm the first layer’s gradient outgrows the last’s with depth; at 32 layers it trains, the plain network does not',
      node: 'tests/node/why.test.js',
      bounds: {
        'first ÷ last hidden layer gradient at 48 layers, batch norm': [50, Infinity],
        'first ÷ last hidden layer gradient at 48 layers, plain': [0, 10],
        'training loss at step 500, 32 layers, plain − batch norm': [0.2, 1],
      },
    },
  },
  {
    name: 'center-scale',
    title: 'Which half does the work: centering or scaling?',
    caption:
      "Batch norm does two things: it subtracts the batch's mean (centering) and divides by its spread (scaling). Here each half runs alone, over the batch and over the units of each example (layer norm's scaling half is RMSNorm, Zhang and Sennrich 2019, which has no β: ours keeps the parameter, read as 0 and never trained), in six copies of one network (four layers of 8 {activation} units, {init} initial weights) from one start on the same batches, at learning rate {lr}. Dotted: centering only; dashed: scaling only. In our runs (five seeds, ReLU, He weights, lr 2.2, 300 steps) batch norm reaches a training loss of 0.06–0.10 with 0–2 of its 32 ReLUs dead; scaling alone also learns (0.10–0.15) although 6 to 20 of its ReLUs die; centering alone blows up in 4 seeds of 5 (between steps 55 and 262; the fifth stalls at 0.74 with 13 dead). Layer norm and RMSNorm do not rescue this network: they stall at ln 2 like the plain one (11–20 dead, against 17–28). On this network at this rate, then, dividing by the batch's spread is what keeps training going, and adding the centering to the division keeps most units alive (0–2 dead against 6–20); neither half alone does both. At lr 0.46 all six learn (training losses 0.03–0.57 at step 300, layer norm slowest in 4 seeds of 5), and centering alone leaves no ReLU dead.",
    view: 'measure-lines',
    experiment: 'training',
    overrides: { activation: 'relu', init: 'he', depth: 4, width: 8, lr: 2.2, speed: 5 },
    nets: [
      { id: 'plain', label: 'no normalization', batchNorm: 'none' },
      { id: 'before', label: 'batch norm', batchNorm: 'before' },
      { id: 'center', label: 'batch: centering only', batchNorm: 'before', scaling: false },
      { id: 'scale', label: 'batch: scaling only', batchNorm: 'before', centering: false },
      { id: 'layer', label: 'layer norm', batchNorm: 'none', layerNorm: 'before' },
      {
        id: 'rms',
        label: 'RMSNorm (per example: scaling only)',
        batchNorm: 'none',
        layerNorm: 'before',
        centering: false,
      },
    ],
    measures: ['curves', 'dead'],
    controls: ['lr', 'activation', 'seed'],
    quantities: [
      { title: 'Training loss', yLabel: 'loss', value: (net) => net.trainLoss ?? null },
      { title: 'Dead ReLUs (of 32)', yLabel: 'never active', yRange: [0, 32], value: (net) => net.dead ?? null },
    ],
    claim: {
      says: 'at lr 2.2 batch norm and batch scaling alone learn; centering alone blows up; per-example normalizations stall',
      node: 'tests/node/why.test.js',
      step: 300,
      bounds: {
        'training loss at 300, batch norm': [0, 0.2],
        'training loss at 300, batch: scaling only': [0, 0.25],
        'dead ReLUs at 300, batch norm': [0, 4],
        'training loss at 300, layer norm': [0.6, Infinity],
      },
    },
  },
  {
    name: 'gamma-beta',
    title: 'Training only γ and β',
    caption:
      "Three copies of one batch-normalized network (four layers of 16 tanh units, Xavier initial weights) from one start on the same batches: one trains every parameter; one keeps every weight and bias at its initial value (random weights, zero biases) and trains only batch norm's γ and β (128 of 1,009 numbers); the control trains as many other parameters, chosen at random, and freezes the rest. Frankle, Schwab and Morcos (2021) found that γ and β alone take deep networks far above chance. In our runs (five seeds, 2,000 steps) γ and β alone reach 96–98% test accuracy, as training everything does (95–98%), while the random control stays near chance (51–62% at step 2,000; its training loss 0.62–0.71, ln 2 being 0.69). Switch the activation to ReLU and all three reach 95–99% (with Xavier or He initial weights): on this small task, which parameters train matters for tanh units, not for ReLUs; we have not measured why.",
    view: 'curves',
    experiment: 'training',
    overrides: { ...WHY_SETTINGS, speed: 20 },
    nets: [
      { id: 'all', label: 'everything trained', batchNorm: 'before' },
      { id: 'gammaBeta', label: 'only γ and β', batchNorm: 'before', trainable: 'normalization' },
      { id: 'random', label: 'as many random others', batchNorm: 'before', trainable: 'random' },
    ],
    measures: ['curves'],
    controls: ['activation', 'lr', 'seed'],
    claim: {
      says: 'γ and β alone learn as well as training everything; as many random other parameters do not',
      node: 'tests/node/why.test.js',
      step: 2000,
      bounds: {
        'test accuracy at 2,000, only γ and β': [0.9, 1],
        'test accuracy at 2,000, everything trained − only γ and β': [-0.05, 0.05],
        'test accuracy at 2,000, random control': [0, 0.7],
      },
    },
  },
  {
    name: 'gamma-beta-digits',
    title: 'Training only γ and β, on digits',
    caption:
      "The gamma-beta figure's experiment on real digits, with the paper's MNIST network (three hidden layers of 100 sigmoids with batch norm, small Gaussian initial weights, batches of 60, lr {lr}), trained three ways from one start on the same mini-batches: everything; only batch norm's γ and β (600 of 100,310 numbers; every weight stays at its random initial value, every bias at 0); and as many other parameters chosen at random. Test accuracy on the 2,000 held-out digits of the sample. In our runs (five seeds, lr 0.1) training everything reaches 92–93% by step 3,000. γ and β alone sit near chance (10%) for the first 500 steps, then climb: 37–49% at step 3,000, still rising 6 to 15 points per 1,000 steps, far below training everything; the random control is ahead of them until step 1,000 in two seeds and 7 to 19 points behind at step 3,000 (25–42%). Where γ and β alone would end with more steps we have not measured.",
    view: 'gamma-beta-digits',
    experiment: 'mnist',
    overrides: { lr: 0.1, speed: 1e9 },
    nets: [
      { id: 'all', label: 'everything trained', batchNorm: 'before' },
      { id: 'gammaBeta', label: 'only γ and β', batchNorm: 'before', trainable: 'normalization' },
      { id: 'random', label: 'as many random others', batchNorm: 'before', trainable: 'random' },
    ],
    controls: ['lr', 'seed'],
    claim: {
      says: 'γ and β alone take the digits far above chance and above as many random parameters, far below training everything',
      node: 'tests/node/mnist.test.js',
      step: 3000,
      bounds: {
        'test accuracy at 3,000, everything trained': [0.85, 1],
        'test accuracy at 3,000, only γ and β': [0.25, 0.8],
        'test accuracy at 3,000, only γ and β − random control': [0.02, 1],
      },
    },
  },
];

/** The entries by name. */
export const FIGURE_BY_NAME = Object.fromEntries(FIGURE_TABLE.map((entry) => [entry.name, entry]));

/** The names a page gives the figure attribute, in the table's order. */
export const FIGURE_NAMES = FIGURE_TABLE.map((entry) => entry.name);

/** One entry by name; an unknown name is an error that lists the allowed ones. */
export function figureEntry(name) {
  if (!Object.hasOwn(FIGURE_BY_NAME, name))
    throw new Error(`figure "${name}" is not one of ${FIGURE_NAMES.join(', ')}`);
  return FIGURE_BY_NAME[name];
}

/** A figure's settings at its defaults: the page's defaults with the entry's overrides. */
export function figureSettings(entry, defaults) {
  return { ...defaults, ...entry.overrides };
}

/**
 * The caption with live values: each {key} becomes the setting's value (numbers as the reader would write them;
 * an unknown key is left as it is, so a typo shows instead of vanishing).
 */
export function captionText(entry, settings) {
  return entry.caption.replace(/\{(\w+)\}/g, (whole, key) =>
    Object.hasOwn(settings, key)
      ? typeof settings[key] === 'number'
        ? settings[key].toLocaleString('en')
        : String(settings[key])
      : whole,
  );
}

/** The page's own figure (web/app/page.js): not embeddable, so not in the table, but built the same way. */
export const PAGE_ENTRY = {
  name: 'page',
  title: '',
  caption: '',
  view: 'playground',
  experiment: 'training',
  overrides: {},
  measures: ['curves', 'layerBands'],
  controls: [],
};
