// Types of `batchnorm-playground/element`: importing it defines <batchnorm-playground> (a side effect).

/** The names a page gives the `figure` attribute: the figure table's (web/state/figures.js; a test keeps them equal). */
export type FigureName =
  | 'input-scale'
  | 'compare'
  | 'anatomy'
  | 'sigmoid-range'
  | 'placement'
  | 'drift'
  | 'train-vs-eval'
  | 'lr-sweep'
  | 'mnist'
  | 'noisy-bn'
  | 'covariate-shift'
  | 'smoothness'
  | 'regularization'
  | 'batch-size'
  | 'mismatch'
  | 'scale-invariance'
  | 'depth'
  | 'center-scale'
  | 'gamma-beta'
  | 'gamma-beta-digits';

/** What a figure draws, as numbers (for tests and for pages that want to read it). */
export interface FigureReadings {
  /** Training steps done. */
  step: number;
  /** The figure's settings (its controls' values), by setting name. */
  settings: Record<string, unknown>;
  /** The latest snapshot the figure drew (its shape depends on the figure). */
  latest: unknown;
  /** Each drawn history: the steps and, by column name, one value per step (null: none, or not finite). */
  histories: Record<string, { steps: number[]; columns: Record<string, (number | null)[]> }>;
}

/**
 * <batchnorm-playground figure="compare" dataset="circle" seed="3" autoplay controls="lr,batch" height="200"
 * compact>. A bad attribute shows a message inside the element instead of the figure.
 */
export declare class BatchnormPlayground extends HTMLElement {
  static observedAttributes: string[];
  /** Training steps (or sweep runs) done so far; 0 before the figure starts. */
  readonly work: number;
  /** null only when the element shows an error instead of a figure (a bad attribute). */
  readings(): FigureReadings | null;
}

/** The figures by name: each one's table entry (title, caption, settings, claim). */
export declare const FIGURES: Readonly<Record<FigureName, unknown>>;

declare global {
  interface HTMLElementTagNameMap {
    'batchnorm-playground': BatchnormPlayground;
  }
}
