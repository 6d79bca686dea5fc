// The training worker's protocol, run in node: the worker script is imported with a stand-in for the worker
// scope (postMessage collects what it sends) and fed the messages a figure sends.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import { defaults } from '../../web/state/settings.js';

const sent = [];
globalThis.postMessage = (message) => sent.push(message);
globalThis.onmessage = null; // the worker script assigns its handler here, as in a real worker scope
await import('../../web/worker/training-worker.js');
const send = (data) => globalThis.onmessage({ data });
await send({
  type: 'init',
  wasmBinary: await readFile(new URL('../../web/lib/generated/bnp_core.wasm', import.meta.url)),
});
const last = (type, session) => sent.findLast((m) => m.type === type && m.session === session);

test('a failed experiment build leaves the previous experiment in place and usable', async () => {
  await send({
    session: 's1',
    type: 'open',
    experiment: 'training',
    settings: defaults(),
    options: { measures: ['curves'] },
  });
  assert.ok(last('ready', 's1'));
  await send({ session: 's1', type: 'step' });
  assert.equal(last('snapshot', 's1').step, 1);
  const count = sent.length;
  await send({
    session: 's1',
    type: 'open',
    experiment: 'training',
    settings: defaults(),
    options: { measures: ['curves', 'bogus'] },
  });
  const refused = sent.slice(count);
  assert.equal(refused.length, 1);
  assert.equal(refused[0].type, 'error');
  assert.match(refused[0].message, /bogus/);
  assert.equal(refused[0].fatal, false);
  await send({ session: 's1', type: 'open', experiment: 'histogram', settings: defaults(), options: {} });
  assert.match(last('error', 's1').message, /unknown experiment 'histogram': allowed are training, lr-sweep/);
  // The first experiment is still there: it steps on from where it was.
  await send({ session: 's1', type: 'step' });
  assert.equal(last('snapshot', 's1').step, 2);
  await send({ session: 's1', type: 'close' });
  assert.equal(globalThis.bnpMemory().sessions, 0);
});

test('messages for a session that has no experiment, or of an unknown type, are answered with an error', async () => {
  await send({ session: 's2', type: 'step' }); // nothing there: ignored, nothing breaks
  await send({ session: 's2', type: 'frobnicate' });
  assert.match(last('error', 's2').message, /unknown message type 'frobnicate'/);
  await send({ session: 's2', type: 'action', name: 'x' });
  assert.match(last('error', 's2').message, /this experiment has no action 'x'/);
});
