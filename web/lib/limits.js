// The JS API's numeric arguments and what each may be, written once: a whole number or a number, a range where
// JS checks it, and the words an error gives for it. Where only the core knows the range (a network's layer
// sizes, a dataset's size), JS checks the type and the core the range, both with these words.
import { describe } from './options.js';

const MAX_INT32 = 2147483647;

/** name → { number: a number rather than a whole number, min, max (where JS checks them), allowed: the words }. */
export const LIMITS = {
  rows: { min: 1, max: 65536, allowed: 'the number of rows is a whole number from 1 to 65536' },
  pixelRows: { min: 1, max: 1e6, allowed: 'the number of rows is a whole number from 1 to 1000000' },
  rowsPerCall: { max: 65536, allowed: 'at most 65536 rows a call' },
  statisticsBatch: { min: 2, max: 65536, allowed: 'a batch of 2 to 65536 rows' },
  bins: { min: 1, max: 10000, allowed: 'a whole number from 1 to 10000' },
  percentile: { number: true, min: 0, max: 100, allowed: 'a number from 0 to 100' },
  features: { allowed: 'a whole number from 1 to 8192' },
  layerSize: { allowed: 'each size is a whole number from 1 to 8192' },
  examples: { allowed: 'a whole number of examples from 2 to 100000' },
  learningRate: { number: true, allowed: 'a number from 1e-9 to 1000' },
  /** Limits that depend on the object: count is how many there are. */
  layer: (count) => ({ min: 0, max: count - 1, allowed: `a layer index from 0 to ${count - 1}` }),
  unit: (count) => ({ min: 0, max: count - 1, allowed: `a unit index from 0 to ${count - 1}` }),
  rowNumber: (count) => ({ min: 0, max: count - 1, allowed: `a row number from 0 to ${count - 1}` }),
};

/**
 * `value` (the argument `name` of `where`) checked against `limit`: its type, then min … max where the limit
 * has them. undefined passes (returns undefined) unless `required`, when it is called missing. Returns the value.
 */
export function within(where, name, value, limit, { required = false } = {}) {
  if (value === undefined) {
    if (required) throw new Error(`${where}: ${name} is missing: ${limit.allowed}`);
    return undefined;
  }
  const typeOk =
    typeof value === 'number' && (limit.number || (Number.isInteger(value) && Math.abs(value) <= MAX_INT32));
  // NaN is outside every range: the comparisons are written so that it fails them.
  if (
    !typeOk ||
    (limit.min !== undefined && !(value >= limit.min)) ||
    (limit.max !== undefined && !(value <= limit.max))
  )
    throw new Error(`${where}: ${name} = ${describe(value)} is not allowed: ${limit.allowed}`);
  return value;
}
