// Type checks for the JS API's option objects. Ranges and names are checked by the C++ core, whose messages
// name the option, the value and what is allowed; here we make sure each value has the right JS type first,
// so nothing reaches Embind that it would convert silently (a string to NaN, 2.5 to 2).

/** A short, safe description of any value for an error message. */
export function describe(value) {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/** Throws unless `options` is undefined or a plain object whose keys are all in `allowed`. */
export function checkKeys(where, options, allowed) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw new Error(`${where}: options must be an object, got ${describe(options)}`);
  for (const key of Object.keys(options))
    if (!allowed.includes(key))
      throw new Error(`${where}: unknown option '${key}': allowed are ${allowed.join(', ')}`);
  return options;
}

export function number(where, name, value) {
  if (value === undefined) return undefined;
  if (typeof value !== 'number') throw new Error(`${where}: ${name} = ${describe(value)} is not allowed: it must be a number`);
  return value;
}

export function integer(where, name, value, allowed = 'a whole number') {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > 2147483647)
    throw new Error(`${where}: ${name} = ${describe(value)} is not allowed: ${allowed}`);
  return value;
}

export function string(where, name, value) {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new Error(`${where}: ${name} = ${describe(value)} is not allowed: it must be a name (a string)`);
  return value;
}

export function boolean(where, name, value) {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw new Error(`${where}: ${name} = ${describe(value)} is not allowed: it must be true or false`);
  return value;
}

/** Seeds may be any safe integer; the core checks the range and says so. */
export function seed(where, value) {
  if (value === undefined) return undefined;
  if (typeof value !== 'number') throw new Error(`${where}: seed = ${describe(value)} is not allowed: a whole number from 0 to 2^53 - 1`);
  return value;
}

/**
 * Checks that `values` is an array or typed array of exactly `length` numbers. `what` names it in the
 * message, `shape` says what the length means ("n × inputs = 4 × 2"). Finiteness is checked separately:
 * by finiteArray here, or in wasm after the copy for the per-step inputs (see lab.js).
 */
export function numberArray(where, what, values, length, shape) {
  const typed = ArrayBuffer.isView(values) && !(values instanceof DataView);
  if (!(Array.isArray(values) || typed))
    throw new Error(`${where}: ${what} must be an array or typed array of numbers, got ${describe(values)}`);
  if (values.length !== length)
    throw new Error(`${where}: ${what} has ${values.length} values, but ${shape} needs exactly ${length}`);
  if (!typed)
    for (let i = 0; i < length; i++)
      if (typeof values[i] !== 'number') throw nonFinite(where, what, i, values[i]);
  return values;
}

/** numberArray, and every value finite. */
export function finiteArray(where, what, values, length, shape) {
  numberArray(where, what, values, length, shape);
  for (let i = 0; i < length; i++) if (!Number.isFinite(values[i])) throw nonFinite(where, what, i, values[i]);
  return values;
}

export function nonFinite(where, what, index, value) {
  return new Error(`${where}: ${what}[${index}] = ${describe(value)} is not allowed: every value must be a finite number`);
}

/** Throws when the core returned a message ("" means fine). */
export function raise(where, message) {
  if (message) throw new Error(`${where}: ${message}`);
}
