// Type checks for the JS API's option objects (numeric ranges: limits.js). Ranges and names are checked by the C++ core, whose messages
// name the option, the value and what is allowed; here we make sure each value has the right JS type first,
// so nothing reaches Embind that it would convert silently (a string to NaN, 2.5 to 2).

/** A short, safe description of any value for an error message. */
export function describe(value) {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'bigint') return `${value}n (a BigInt)`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (value instanceof DataView) return `a DataView of ${value.byteLength} bytes`;
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
    if (!allowed.includes(key)) throw new Error(`${where}: unknown option '${key}': allowed are ${allowed.join(', ')}`);
  return options;
}

export function number(where, name, value) {
  if (value === undefined) return undefined;
  if (typeof value !== 'number')
    throw new Error(`${where}: ${name} = ${describe(value)} is not allowed: it must be a number`);
  return value;
}

export function string(where, name, value) {
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw new Error(`${where}: ${name} = ${describe(value)} is not allowed: it must be a name (a string)`);
  return value;
}

export function boolean(where, name, value) {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean')
    throw new Error(`${where}: ${name} = ${describe(value)} is not allowed: it must be true or false`);
  return value;
}

/** Seeds may be any safe integer; the core checks the range and says so. */
export function seed(where, value) {
  if (value === undefined) return undefined;
  if (typeof value !== 'number')
    throw new Error(`${where}: seed = ${describe(value)} is not allowed: a whole number from 0 to 2^53 - 1`);
  return value;
}

/**
 * Checks that `values` is an array or typed array of exactly `length` numbers. `what` names it in the
 * message, `shape` says what the length means ("n × inputs = 4 × 2"). Finiteness is checked separately:
 * by finiteArray here, or in wasm after the copy for the per-step inputs (writeRows in memory.js).
 */
export function numberArray(where, what, values, length, shape) {
  const typed = numericView(values);
  if (!(Array.isArray(values) || typed))
    throw new Error(`${where}: ${what} must be an array or typed array of numbers, got ${describe(values)}`);
  if (values.length !== length)
    throw new Error(`${where}: ${what} has ${values.length} values, but ${shape} needs exactly ${length}`);
  if (!typed)
    for (let i = 0; i < length; i++) if (typeof values[i] !== 'number') throw nonFinite(where, what, i, values[i]);
  return values;
}

/** A typed array of numbers (not a DataView, not a BigInt64Array: those hold no plain numbers). */
export function numericView(values) {
  return (
    ArrayBuffer.isView(values) &&
    !(values instanceof DataView) &&
    typeof values[Symbol.iterator] === 'function' &&
    !(values instanceof BigInt64Array || values instanceof BigUint64Array)
  );
}

/** numberArray, and every value finite as the core stores it: as a float32 (1e39 is finite in JS, not there). */
export function finiteArray(where, what, values, length, shape) {
  numberArray(where, what, values, length, shape);
  checkFinite(where, what, values);
  return values;
}

/** Every value finite as a float32; throws naming the first that is not. */
export function checkFinite(where, what, values) {
  for (let i = 0; i < values.length; i++)
    if (!Number.isFinite(Math.fround(values[i]))) throw nonFinite(where, what, i, values[i]);
}

/** A number that becomes a float32 in the core: finite there too (|x| ≤ 3.4e38), or refused naming `name`. */
export function float32(where, name, value) {
  if (value !== undefined && Number.isFinite(value) && !Number.isFinite(Math.fround(value)))
    throw new Error(
      `${where}: ${name} = ${value} is not allowed: it is beyond what a 32-bit float holds (about ±3.4e38)`,
    );
  return value;
}

export function nonFinite(where, what, index, value) {
  const float = typeof value === 'number' && Number.isFinite(value) ? ' as a 32-bit float (at most about ±3.4e38)' : '';
  return new Error(
    `${where}: ${what}[${index}] = ${describe(value)} is not allowed: every value must be a finite number${float}`,
  );
}

/** Throws when the core returned a message ("" means fine). */
export function raise(where, message) {
  if (message) throw new Error(`${where}: ${message}`);
}

/** Deletes the keys whose value is undefined (the core then keeps its defaults); returns the object. */
export function dropUndefined(object) {
  for (const key of Object.keys(object)) if (object[key] === undefined) delete object[key];
  return object;
}
