// The lab's colour vocabulary (web/views/colors.js): one colour per meaning, every two of them apart for
// readers with the common colour-vision deficiencies, and every network of every figure given a style that
// no other network of that figure shares. (That no drawn figure gives one colour two meanings is checked in
// the browser, from what each figure records in data-colors: tests/browser/story.test.js, page.test.js.)
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { COLOR, MEANINGS, netStyle } from '../../web/views/colors.js';
import { FIGURE_TABLE, WHY_NETS, figureSettings } from '../../web/state/figures.js';
import { defaults } from '../../web/state/settings.js';
import { netsFor } from '../../web/worker/trainer.js';
import { DEFICIENCIES, apart, deltaE2000, lab, linearRgb, simulate } from './colour-math.js';

// "Clearly different at a glance": CIEDE2000 of 10 and more (a just-noticeable difference is about 1–2).
const APART = 10;

test('CIEDE2000 as written here gives Sharma, Wu and Dalal’s published values', () => {
  const pairs = [
    [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
    [[50, 0, 0], [50, -1, 2], 2.3669],
    [[50, 2.5, 0], [73, 25, -18], 27.1492],
    [[50, 2.5, 0], [61, -5, 29], 22.8977],
  ];
  for (const [a, b, expected] of pairs) assert.ok(Math.abs(deltaE2000(a, b) - expected) < 1e-4, `${a} ${b}`);
  // and CIELAB of sRGB white and mid grey (#777777: L* 50.0)
  const white = lab(linearRgb('#FFFFFF'));
  assert.ok(Math.abs(white[0] - 100) < 0.01 && Math.hypot(white[1], white[2]) < 0.05, `white: ${white}`);
  assert.ok(Math.abs(lab(linearRgb('#777777'))[0] - 50.03) < 0.05);
  // the simulation keeps greys grey (each of Machado's rows sums to 1)
  for (const m of Object.values(DEFICIENCIES))
    assert.deepEqual(
      simulate(m, [0.5, 0.5, 0.5]).map((v) => v.toFixed(3)),
      ['0.500', '0.500', '0.500'],
    );
});

test('every two colours of the vocabulary stay apart, with normal vision and under protanopia, deuteranopia and tritanopia', () => {
  const keys = Object.keys(COLOR);
  assert.equal(new Set(Object.values(COLOR)).size, keys.length, 'one colour per meaning');
  assert.deepEqual(Object.keys(MEANINGS).sort(), [...keys].sort(), 'every colour says in words what it means');
  const closest = {};
  for (const [vision, matrix] of [['normal', null], ...Object.entries(DEFICIENCIES)]) {
    for (let i = 0; i < keys.length; i++)
      for (let j = i + 1; j < keys.length; j++) {
        const d = apart(COLOR[keys[i]], COLOR[keys[j]], matrix);
        if (!(vision in closest) || d < closest[vision][0]) closest[vision] = [d, keys[i], keys[j]];
        assert.ok(d >= APART, `${keys[i]} and ${keys[j]} look alike with ${vision}: ΔE2000 ${d.toFixed(1)}`);
      }
  }
});

test('every network of every figure has a style, and no two networks of one figure share both colour and dash', () => {
  // the networks a figure trains: its entry's, or those its settings decide (the page's, at every placement)
  const groups = [
    ['the page', netsFor(defaults())],
    ['the page, batch norm on a', netsFor({ ...defaults(), placement: 'after' })],
    ['why', WHY_NETS],
    ...FIGURE_TABLE.map((e) => [e.name, e.nets ?? netsFor(figureSettings(e, defaults()))]),
  ];
  for (const [name, nets] of groups) {
    const looks = nets.map((net) => {
      const { color, dash } = netStyle(net.id);
      return `${color} ${dash ?? 'solid'}`;
    });
    assert.equal(new Set(looks).size, looks.length, `${name}: ${nets.map((n) => n.id)} → ${looks}`);
  }
  assert.throws(() => netStyle('nonsense'), /no colour for the network "nonsense"; known: plain, before/);
});
