// The figures' start queue: several figures on one page start one after another, not all at once.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { startInTurn } from '../../web/runtime/start-queue.js';

test('starts run one after another, each after the previous drew its first frame', async () => {
  const events = [];
  const figure = (name, ms) => () => {
    events.push(`${name} starts`);
    return new Promise((resolve) => setTimeout(() => (events.push(`${name} drawn`), resolve()), ms));
  };
  await Promise.all([startInTurn(figure('a', 30)), startInTurn(figure('b', 10)), startInTurn(figure('c', 5))]);
  assert.deepEqual(events, ['a starts', 'a drawn', 'b starts', 'b drawn', 'c starts', 'c drawn']);
});

test('a figure that never draws does not hold the others back for more than 1.5 s', async () => {
  const started = Date.now();
  let second = 0;
  await Promise.all([
    startInTurn(() => new Promise(() => {})),
    startInTurn(async () => (second = Date.now() - started)),
  ]);
  assert.ok(second >= 1400 && second < 3000, `the second figure started after ${second} ms`);
});

test('a figure whose start fails does not stop the queue', async () => {
  const failed = startInTurn(() => Promise.reject(new Error('no wasm')));
  await assert.rejects(failed, /no wasm/);
  let ran = false;
  await startInTurn(async () => (ran = true));
  assert.ok(ran);
});
