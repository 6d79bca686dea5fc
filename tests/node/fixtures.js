// Reader for tests/fixtures/*.txt (see build-scripts/make-fixtures.py) and a comparison that reports the
// largest difference.
import { readFileSync } from 'node:fs';

export function loadFixtures(file) {
  const text = readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8');
  const cases = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const words = line.split(' ');
    if (words[0] === 'case') cases.push({ name: words[1], text: {}, tensors: {} });
    else if (words[0] === 'text') cases.at(-1).text[words[1]] = words[2];
    else if (words[0] === 'tensor') {
      const rows = Number(words[2]),
        cols = Number(words[3]);
      cases.at(-1).tensors[words[1]] = { rows, cols, values: Float64Array.from(words.slice(4), Number) };
    }
  }
  return cases;
}

/** Throws unless |actual − expected| <= atol + rtol·|expected| everywhere, naming the worst element. */
export function assertClose(actual, expected, { atol = 2e-5, rtol = 1e-4, what = 'values' } = {}) {
  if (actual.length !== expected.length)
    throw new Error(`${what}: length ${actual.length}, expected ${expected.length}`);
  let worst = -1,
    at = 0,
    ok = true;
  for (let i = 0; i < expected.length; i++) {
    const diff = Math.abs(actual[i] - expected[i]);
    if (!(diff <= atol + rtol * Math.abs(expected[i]))) ok = false;
    if (!(diff <= worst)) ((worst = diff), (at = i));
  }
  if (!ok)
    throw new Error(
      `${what}: largest difference ${worst} at [${at}]: got ${actual[at]}, expected ${expected[at]} ` +
        `(atol ${atol}, rtol ${rtol}, ${expected.length} values)`,
    );
}
