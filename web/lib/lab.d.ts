// Hand-written types for the batchnorm-playground JS API (web/lib/lab.js).
// Shapes: row-major, one example per row; `n` rows of `inputs` features is a Float32Array of n × inputs.
// Lifetimes: every object with dispose() (networks, normalization layers, staged rows and pixels) holds wasm memory until dispose() (a FinalizationRegistry frees
// forgotten ones eventually, but call dispose()). Every array returned is a copy, valid forever.
// Errors: every bad option or argument throws an Error whose message names it, its value and what is allowed;
// a refused call changes nothing. Values the core stores as 32-bit floats must be finite there (1e39 is
// refused). When the WebAssembly memory (2 GB at most) has no room, the call that needed it throws saying how
// much it needed; the Lab and every existing object keep working, and the call succeeds once memory is freed.
// Numbers: arrays of numbers or numeric typed arrays (not BigInt64Array/BigUint64Array, not DataView).

export type Activation = 'sigmoid' | 'tanh' | 'relu' | 'linear';
export type Placement = 'none' | 'before' | 'after';
export type LossName = 'softmax-cross-entropy' | 'binary-cross-entropy' | 'mse';
export type OptimizerName = 'sgd' | 'momentum' | 'adam';
export type InitName = 'gaussian' | 'xavier' | 'he';
export type DatasetName = 'circle' | 'xor' | 'gauss' | 'spiral';
export type Numbers =
  | readonly number[]
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array;

export interface OptimizerOptions {
  name?: OptimizerName; // default 'sgd'
  lr?: number; // default 0.1; 1e-9 … 1000
  momentum?: number; // SGD with momentum, default 0.9 (PyTorch convention: v ← μv + g; p ← p − lr·v)
  beta1?: number; // Adam, default 0.9
  beta2?: number; // Adam, default 0.999
  eps?: number; // Adam, default 1e-8
  /** λ, default 0; 0 … 1: every gradient gets λ·θ added before the step (PyTorch's weight_decay; L2, not AdamW). */
  weightDecay?: number;
}

export interface NetworkOptions {
  layers?: number[]; // sizes: inputs, hidden…, outputs; default [2, 8, 8, 1]
  activation?: Activation; // hidden layers; default 'tanh'
  batchNorm?: Placement | boolean; // where batch norm goes in each hidden layer; default 'none'; true = 'before'
  layerNorm?: Placement; // or layer norm instead (each example over its own units); at most one of the two
  noise?: number; // 0 … 10 (default 0): in training, after each normalization, unit j of every
  // example becomes s_j·z̃ + m_j with s_j ~ U(1, 1 + noise), m_j ~ U(−noise, noise)
  // drawn per unit and step from the seed (Santurkar et al. 2018); needs a normalization
  affine?: boolean; // γ, β learnable (default true) or frozen at (1, 0)
  centering?: boolean; // the normalization subtracts the mean (default true); false: scaling only (over a row, RMSNorm; no β)
  scaling?: boolean; // the normalization divides by the spread (default true); false: centering only
  renorm?: boolean | { rMax?: number; dMax?: number }; // batch renormalization (Ioffe 2017); true: rMax 3, dMax 5
  eps?: number; // batch-norm ε inside the square root; default 1e-5
  momentum?: number; // running-statistics momentum m: r ← (1 − m)·r + m·batch; default 0.1
  loss?: LossName; // default 'binary-cross-entropy'
  optimizer?: OptimizerName | OptimizerOptions;
  init?: InitName | { name?: InitName; sigma?: number }; // default gaussian, sigma 0.1
  seed?: number; // whole number 0 … 2^53 − 1; default 1. Same seed, same initial weights.
}

export interface ParameterBlock {
  layer: number;
  name: 'weight' | 'bias' | 'gamma' | 'beta';
  offset: number; // into parameters() and gradients()
  rows: number; // weight: inputs of the layer (D); others 1
  cols: number; // units of the layer (H)
}

/** Which buffers probe() copies; 'statistics' is the six [units] vectors. */
export type ProbeField = 'z' | 'zHat' | 'zTilde' | 'a' | 'statistics';

/** probe(layer) of a whole layer; with { unit } the four buffers are that unit's column [rows] and the
 *  statistics are numbers; with { fields } the fields not named are absent (undefined). */
export interface LayerProbe {
  layer: number;
  rows: number; // rows of the last forward pass
  units: number;
  batchNorm: boolean;
  layerNorm: boolean;
  z?: Float32Array | null; // [rows × units] W·x + b
  zHat?: Float32Array | null; // [rows × units] (z − μ_B)/√(σ²_B + ε)   (of a, with batchNorm 'after')
  zTilde?: Float32Array | null; // [rows × units] γ·ẑ + β (after a noisy training pass: s·(γẑ + β) + m)
  a?: Float32Array | null; // [rows × units] activation; for the last layer, the network's output
  batchMean?: Float32Array | number | null; // [units] μ_B of the last training-mode pass
  batchVariance?: Float32Array | number | null; // [units] biased σ²_B of that pass
  runningMean?: Float32Array | number | null; // [units]
  runningVariance?: Float32Array | number | null; // [units]
  gamma?: Float32Array | number | null; // [units]
  beta?: Float32Array | number | null; // [units]
  noiseScale?: Float32Array | number | null; // [units] s of the last noisy training pass (noise on)
  noiseShift?: Float32Array | number | null; // [units] m of that pass
  rowMean?: Float32Array | null; // [rows] layer norm: each example's μ over the units
  rowVariance?: Float32Array | null; // [rows] layer norm: each example's biased σ²
}

export declare class Network {
  readonly inputs: number;
  readonly outputs: number;
  readonly layerCount: number; // dense layers
  readonly parameterCount: number;
  readonly steps: number;
  /** One step on n rows: x [n × inputs], y [n × outputs] or (softmax) n class indices. Returns the loss before
   *  the step; NaN/±Infinity means the network diverged. With batch norm, n must be 2 or more. */
  trainStep(x: Numbers, y: Numbers, n: number): number;
  /** The same on rows staged with lab.stage (n, if given, must equal rows.n). */
  trainStep(x: StagedRows, y: Numbers, n?: number): number;
  /** The same on the rows `rows` (row numbers, repeats allowed) of pixels staged with lab.stagePixels. */
  trainStep(x: StagedPixels, y: Numbers, rows: Numbers): number;
  /** Loss and gradients in training mode without any change to the network. */
  computeGradients(x: Numbers, y: Numbers, n: number): number;
  computeGradients(x: StagedRows, y: Numbers, n?: number): number;
  computeGradients(x: StagedPixels, y: Numbers, rows: Numbers): number;
  /** Output [n × outputs]; mode 'eval' (default: running statistics) or 'batch' (these rows' statistics). */
  predict(x: Numbers, n: number, options?: { mode?: 'eval' | 'batch' }): Float32Array;
  predict(x: StagedRows, options?: { mode?: 'eval' | 'batch' }): Float32Array;
  predict(x: StagedPixels, rows: Numbers, options?: { mode?: 'eval' | 'batch' }): Float32Array;
  /** The optimizer's learning rate from the next step on (1e-9 … 1000); its state is kept. */
  setLearningRate(lr: number): void;
  /**
   * Precise batch norm: every batch-norm layer's running mean and variance become the averages of μ_B and of
   * the unbiased m/(m−1)·σ²_B over x's consecutive mini-batches of `batch` rows, each in training mode (a last,
   * partial batch is left out). Parameters are untouched. Returns how many batches were averaged.
   */
  recomputeStatistics(x: Numbers, n: number, options: { batch: number }): number;
  recomputeStatistics(x: StagedRows, options: { batch: number }): number;
  /**
   * Which parameters training moves: parameterCount entries in layout() order, 1/true to train, 0/false to freeze
   * (value kept, gradient still computed); null trains all again.
   */
  setTrainable(mask: ArrayLike<number | boolean> | null): void;
  /** Loss and gradients at θ + step·direction, the network left exactly as it was. */
  gradientsAt(
    x: Numbers | StagedRows | StagedPixels,
    y: Numbers,
    n: number | Numbers | undefined, // the row numbers, with staged pixels
    options: { direction: Numbers; step?: number },
  ): { loss: number; gradients: Float32Array };
  /** Copies of one layer's buffers after the last forward pass; unit (0-based) and fields copy less. */
  probe(layer: number, options?: { unit?: number; fields?: ProbeField[] }): LayerProbe;
  parameters(): Float32Array;
  setParameters(values: Numbers): void;
  gradients(): Float32Array;
  layout(): ParameterBlock[];
  dispose(): void;
}

/** Rows copied into wasm memory and checked once (lab.stage); networks read them in place. */
export declare class StagedRows {
  readonly n: number;
  readonly features: number;
  /** Replaces the values (exactly n × features numbers, all finite). */
  write(x: Numbers): void;
  /** Frees the wasm memory; a network given these rows afterwards throws. */
  dispose(): void;
}

/**
 * 8-bit pixel rows (images) staged once as their non-zeros, each pixel p read as p / 255 (lab.stagePixels).
 * Networks read them by row number: trainStep(pixels, y, rows), predict(pixels, rows).
 */
export declare class StagedPixels {
  readonly n: number;
  readonly features: number;
  /** How many pixels are not 0 (what the wasm memory holds: 3 bytes each). */
  readonly nonzeros: number;
  /** Frees the wasm memory; a network given these pixels afterwards throws. */
  dispose(): void;
}

export declare class BatchNormLayer {
  readonly features: number;
  /** y [n × features]; training (default true) uses batch statistics and updates the running ones. */
  forward(x: Numbers, n: number, options?: { training?: boolean }): Float32Array;
  /** For dy [n × features] of the last training-mode forward. */
  backward(dy: Numbers): { dx: Float32Array; dgamma: Float32Array; dbeta: Float32Array };
  readonly xHat: Float32Array;
  gamma: Float32Array; // settable with any array of `features` finite numbers
  beta: Float32Array;
  runningMean: Float32Array;
  runningVariance: Float32Array; // values ≥ 0
  readonly batchMean: Float32Array;
  readonly batchVariance: Float32Array; // biased
  dispose(): void;
}

export declare class LayerNormLayer {
  readonly features: number;
  /** y [n × features]: each row normalized with its own mean and biased variance; one row is fine. */
  forward(x: Numbers, n: number): Float32Array;
  /** For dy [n × features] of the last forward. */
  backward(dy: Numbers): { dx: Float32Array; dgamma: Float32Array; dbeta: Float32Array };
  readonly xHat: Float32Array;
  readonly rowMean: Float32Array; // [n] of the last forward
  readonly rowVariance: Float32Array; // [n] biased
  gamma: Float32Array;
  beta: Float32Array;
  dispose(): void;
}

export declare class Lab {
  /** Bytes of wasm memory reserved so far (it only grows). */
  readonly memoryBytes: number;
  /** Bytes of the core's heap in use now: flat while a network trains (a step allocates nothing). */
  readonly heapBytesInUse: number;
  network(options?: NetworkOptions): Network;
  batchNorm(options: { features: number; eps?: number; momentum?: number }): BatchNormLayer;
  layerNorm(options: { features: number; eps?: number }): LayerNormLayer;
  /** x [n × features] staged once for repeated use: a test set, a grid, a mini-batch several networks share. */
  stage(x: Numbers, n: number): StagedRows;
  /** pixels [n × features] bytes (a Uint8Array), staged once as their non-zeros, each read as p / 255. */
  stagePixels(pixels: Uint8Array | Uint8ClampedArray, n: number): StagedPixels;
  /** x [n × 2], y [n] labels 0/1 (classes alternate). scale multiplies feature x₁ (1e-4 … 1e4). */
  dataset(
    name: DatasetName,
    options?: { n?: number; noise?: number; seed?: number; scale?: number },
  ): { x: Float32Array; y: Float32Array; n: number; features: 2 };
  /** Counts over `bins` equal bins of [lo, hi] (default: the values' range); NaN and values outside count nowhere. */
  histogram(values: Numbers, options?: { bins?: number; lo?: number; hi?: number }): Int32Array;
  /** Percentiles ps (0 … 100) of values, interpolated as numpy.percentile; NaN values are skipped. */
  percentiles(values: Numbers, ps: Numbers): Float32Array;
}

/** Starts the core from the .wasm bytes already at hand (what createLab does once it has them). */
export declare function instantiateLab(wasmBinary: ArrayBuffer | Uint8Array): Promise<Lab>;

/** Loads the core. In node the .wasm is read from disk; in a browser or worker it is fetched. */
export declare function createLab(options?: {
  wasmBinary?: ArrayBuffer | Uint8Array;
  wasmUrl?: string | URL;
}): Promise<Lab>;
