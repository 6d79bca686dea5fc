// The moving average the claim charts draw over their raw values (web/views/moving-average.js), against
// averages worked out by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { movingAverage } from '../../web/views/moving-average.js';

test('a centred moving average: the window shrinks symmetrically at the ends, gaps stay gaps and are skipped', () => {
  // window 3: [0] alone, [0 3 0] → 1, [3 0 3] → 2, [0 3 0] → 1, [3 0 9] → 4, [9] alone
  assert.deepEqual(movingAverage([0, 3, 0, 3, 0, 9], 3), [0, 1, 2, 1, 4, 9]);
  // window 5: index 1 reaches one each way, (1 + 2) / 2 skipping the gap; index 3 likewise (4 + 5) / 2; the gap stays null
  assert.deepEqual(movingAverage([1, 2, NaN, 4, 5], 5), [1, 1.5, null, 4.5, 5]);
  assert.deepEqual(movingAverage([], 9), []);
  assert.deepEqual(movingAverage([7, null, 7], 1), [7, null, 7]);
});
