// Seeded randomness on the JavaScript side: the order of mini-batches. (Weights come from the core's own RNG.)

/** mulberry32: a tiny seeded generator of uniform numbers in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The generator that picks mini-batches for a run with this seed. Derived from the seed, but not equal to the
 * weights' stream, so that changing the seed changes both and nothing lines up by accident.
 */
export const batchSampler = (seed) => mulberry32(seed * 7919 + 17);
