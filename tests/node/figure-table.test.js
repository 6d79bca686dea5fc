// The figure table (web/state/figures.js) against every other list of figures: each entry names an experiment
// the worker has, measures it can take, settings that exist and a view file that exists; the registry's views,
// the element's types, the docs' figure list and the claim tests all agree with it. Adding a figure is one
// entry, one view (or none, when an existing one draws it) and its claim numbers; these tests fail until every
// list agrees.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import {
  FIGURE_BY_NAME,
  FIGURE_NAMES,
  FIGURE_TABLE,
  PAGE_ENTRY,
  captionText,
  figureEntry,
  figureSettings,
} from '../../web/state/figures.js';
import { BY_KEY, constrain, defaults } from '../../web/state/settings.js';
import { EXPERIMENTS } from '../../web/worker/experiments/index.js';
import { MEASURES } from '../../web/worker/measures.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path) => readFileSync(join(root, path), 'utf8');

test('every entry is complete: an experiment the worker runs, its measures, settings that exist, a view file', () => {
  assert.equal(new Set(FIGURE_NAMES).size, FIGURE_NAMES.length, 'names are unique');
  for (const entry of [...FIGURE_TABLE, PAGE_ENTRY]) {
    const where = `figure ${entry.name}`;
    assert.match(entry.name, /^[a-z][a-z-]*$/, where);
    assert.equal(typeof entry.title, 'string', where);
    assert.equal(typeof entry.caption, 'string', where);
    assert.ok(Object.hasOwn(EXPERIMENTS, entry.experiment), `${where}: experiment ${entry.experiment}`);
    assert.ok(existsSync(join(root, 'web/figures', `${entry.view}.js`)), `${where}: view ${entry.view}`);
    for (const m of entry.measures ?? []) assert.ok(Object.hasOwn(MEASURES, m), `${where}: measure ${m}`);
    if (entry.experiment === 'training') assert.ok(entry.measures?.length, `${where}: a training figure measures`);
    for (const key of entry.controls) assert.ok(Object.hasOwn(BY_KEY, key), `${where}: control ${key}`);
    for (const key of entry.viewControls ?? []) assert.ok(!Object.hasOwn(BY_KEY, key), `${where}: own control ${key}`);
    // The overrides are allowed values: constrain() changes none of them and has nothing to say.
    const notices = [];
    const settings = constrain(figureSettings(entry, defaults()), notices);
    assert.deepEqual(notices, [], where);
    for (const [key, value] of Object.entries(entry.overrides)) {
      assert.ok(Object.hasOwn(BY_KEY, key), `${where}: override ${key}`);
      assert.equal(settings[key], value, `${where}: override ${key}`);
    }
    for (const net of entry.nets ?? []) {
      assert.equal(typeof net.id, 'string', where);
      assert.equal(typeof net.label, 'string', where);
      assert.ok(['none', 'before', 'after', 'layer'].includes(net.batchNorm), `${where}: ${net.batchNorm}`);
    }
    for (const q of entry.quantities ?? []) assert.equal(typeof q.value, 'function', where);
    if (entry === PAGE_ENTRY) continue;
    const { claim } = entry;
    assert.equal(typeof claim.says, 'string', where);
    assert.ok(
      entry.autorun || Number.isInteger(claim.step),
      `${where}: a figure that trains says when its claim shows`,
    );
    assert.ok(Object.keys(claim.bounds).length > 0, where);
    for (const [quantity, [min, max]] of Object.entries(claim.bounds))
      assert.ok(min <= max, `${where}: ${quantity} ${min} … ${max}`);
  }
});

test("every figure's claim is measured over seeds by a node test named after it", () => {
  for (const entry of FIGURE_TABLE) {
    const text = read(entry.claim.node);
    assert.ok(
      text.includes(`test('${entry.name}:`) || text.includes(`test("${entry.name}:`),
      `${entry.claim.node} has a test titled "${entry.name}: …"`,
    );
  }
});

test('the registry has exactly the views the table names', () => {
  const registry = read('web/figures/registry.js');
  const block = registry.slice(
    registry.indexOf('export const VIEWS'),
    registry.indexOf('};', registry.indexOf('VIEWS')),
  );
  const views = [...block.matchAll(/^\s+'?([a-z-]+)'?: \w+,$/gm)].map((m) => m[1]);
  assert.deepEqual(views.sort(), [...new Set(FIGURE_TABLE.map((e) => e.view))].sort());
});

test("the element's types list exactly the table's figure names", () => {
  const types = read('web/element/index.d.ts');
  const union = types.slice(types.indexOf('export type FigureName ='), types.indexOf(';', types.indexOf('FigureName')));
  assert.deepEqual(
    [...union.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]),
    FIGURE_NAMES,
  );
});

test("docs/figures.md lists exactly the table's figures, in its order", () => {
  const rows = [...read('docs/figures.md').matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]).slice(1); // after the header
  assert.deepEqual(rows, FIGURE_NAMES);
});

test('the browser claim test measures every bound the table names', () => {
  const claims = read('tests/browser/claims.test.js');
  // Each bound's name appears in the browser test, where it is measured.
  for (const entry of FIGURE_TABLE)
    for (const quantity of Object.keys(entry.claim.bounds))
      assert.ok(claims.includes(`'${quantity}'`), `claims.test.js measures "${quantity}" for ${entry.name}`);
});

test("the mnist figure's learning rate is the paper experiment's", () => {
  // The mnist figure's learning rate is the paper experiment's (web/worker/paper.js), kept here as a number so
  // that the table imports nothing from the worker.
  return import('../../web/worker/paper.js').then(({ PAPER }) =>
    assert.equal(FIGURE_BY_NAME.mnist.overrides.lr, PAPER.lr),
  );
});

test('figureEntry refuses an unknown name and lists the allowed ones; captions fill {setting} with live values', () => {
  assert.throws(() => figureEntry('nope'), /figure "nope" is not one of input-scale, compare, .*batch-size/);
  assert.throws(() => figureEntry('constructor'), /is not one of/);
  assert.equal(figureEntry('drift'), FIGURE_BY_NAME.drift);
  const entry = { caption: 'at lr {lr} on {dataset}, {frob} stays' };
  assert.equal(captionText(entry, { lr: 0.3, dataset: 'xor' }), 'at lr 0.3 on xor, {frob} stays');
  assert.equal(captionText({ caption: '{examples} points' }, { examples: 2000 }), '2,000 points');
});
