// The moving average the claim charts draw over their raw values (web/views/moving-average.js), against
// averages worked out by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { movingAverage } from '../../web/views/moving-average.js';

test('a centred moving average: the window is clipped at the ends, gaps stay gaps and are skipped', () => {
  // window 3: [0 3] → 1.5, [0 3 0] → 1, [3 0 3] → 2, [0 3 0] → 1, [3 0 9] → 4, [0 9] → 4.5 (the newest value
  // is averaged too, not shown raw)
  assert.deepEqual(movingAverage([0, 3, 0, 3, 0, 9], 3), [1.5, 1, 2, 1, 4, 4.5]);
  // window 5 over [1 2 _ 4 5]: index 0 reaches to 2: (1 + 2) / 2; index 1 to 3: (1 + 2 + 4) / 3; index 3 from 1:
  // (2 + 4 + 5) / 3; index 4 from 2: (4 + 5) / 2; the gap stays null
  assert.deepEqual(movingAverage([1, 2, NaN, 4, 5], 5), [1.5, 7 / 3, null, 11 / 3, 4.5]);
  assert.deepEqual(movingAverage([], 9), []);
  assert.deepEqual(movingAverage([7, null, 7], 1), [7, null, 7]);
});
