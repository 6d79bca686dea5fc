// How numbers and states read on the page and in every figure, in one place.

/** A value for a table cell: 3 decimals, exponent notation when very large or small, words when not a number. */
export const fmt = (v) =>
  v === null || v === undefined
    ? '—'
    : !Number.isFinite(v)
      ? 'not a number'
      : Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0)
        ? v.toExponential(2)
        : v.toFixed(3);

/** A share as a percentage, '—' when unknown. */
export const percent = (v, digits = 1) => (Number.isFinite(v) ? `${(100 * v).toFixed(digits)}%` : '—');

/** What a network that stopped on a NaN or infinite loss says, wherever it is shown. */
export const divergedMessage = (step) => `diverged at step ${step.toLocaleString('en')} — learning rate too high?`;
