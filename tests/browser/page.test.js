// The built playground page in headless Chromium, used as a reader would: load, play, change settings,
// share a URL, meet bad URL values, a diverging network and a missing WebAssembly file.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  artifactPath,
  assertOneMeaningPerColour,
  drawnColours,
  openPage,
  root,
  serve,
  withServerAndBrowser,
} from './helpers.js';

const shared = withServerAndBrowser(before, after);

const step = async (page) => Number((await page.textContent('#step')).replace(/,/g, ''));
const drawn = (page) => page.waitForFunction(() => document.body.dataset.drawnStep !== undefined);
const canvasPixels = (page, selector) => page.$eval(selector, (c) => c.toDataURL());

test('before Play the page shows step 0: the first mini-batch through the initial weights in the anatomy, step-0 points in the charts', async () => {
  const page = await openPage(shared.browser, shared.server.url);
  await drawn(page);
  await page.locator('#layer-charts').scrollIntoViewIfNeeded();
  await page.waitForFunction(() =>
    [...document.querySelectorAll('#layer-charts [role=img]')].every((c) => /At step 0/.test(c.ariaLabel)),
  );
  await page.locator('#anatomy-cards').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => /mean -?[\d.]/.test(document.querySelector('#anatomy-cards canvas').ariaLabel));
  assert.equal(await step(page), 0, 'nothing trained');
  // The anatomy's table follows the batch's first examples: ẑ = (z − μ_B)/√(σ²_B + ε) holds on its numbers.
  const rows = await page.$$eval('.anatomy-card[data-net="before"] table.steps tr', (trs) =>
    trs.slice(1).map((tr) => [...tr.cells].map((c) => Number(c.textContent))),
  );
  assert.ok(rows.length >= 4, JSON.stringify(rows));
  // ẑ = (z − μ_B)/√(σ²_B + ε): every row divides by the same number, 1/√(σ²_B + ε) with the σ²_B the card shows
  // (shown to three decimals: its scale within 15%, the rows' ratios within 3% of each other)
  const variance = await page.$$eval('.anatomy-card[data-net="before"] dl.stats > *', (items) =>
    Number(items[items.findIndex((e) => e.textContent === 'σ²_B') + 1].textContent),
  );
  const ratios = rows.filter(([, centred]) => Math.abs(centred) > 0.01).map(([, centred, zHat]) => zHat / centred);
  assert.ok(ratios.length >= 2, JSON.stringify(rows));
  for (const r of ratios) {
    assert.ok(Math.abs(r / ratios[0] - 1) < 0.03, `ratios ${ratios}`);
    assert.ok(Math.abs(r * Math.sqrt(variance + 1e-5) - 1) < 0.15, `ratio ${r}, σ²_B ${variance}`);
  }
  assert.match(await page.$eval('#loss-chart', (e) => e.ariaLabel), /^Loss\. At step 0: no batch norm, train 0\.69/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('one click starts both networks from Xavier weights, and one click goes back', async () => {
  const page = await openPage(shared.browser, shared.server.url);
  await drawn(page);
  const fair = page.locator('#start-note button');
  assert.match(await fair.textContent(), /Xavier/);
  await fair.click();
  await page.waitForFunction(() => location.hash.includes('init=xavier'));
  assert.equal(await page.$eval('#bnp-init', (e) => e.value), 'xavier');
  assert.match(await fair.textContent(), /Back to the small initial weights/);
  await fair.click();
  await page.waitForFunction(() => !location.hash.includes('init=xavier'));
  assert.equal(await page.$eval('#bnp-init', (e) => e.value), 'gaussian');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the page loads and draws its first frame without console errors', async () => {
  const page = await openPage(shared.browser, shared.server.url);
  await drawn(page);
  assert.equal(await page.$$eval('.boundary', (f) => f.length), 2);
  assert.equal(await page.$$eval('.anatomy-card', (c) => c.length), 2);
  assert.equal(await page.textContent('#status'), '');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('play trains: the step counter grows and the charts change; pause stops it', async () => {
  const page = await openPage(shared.browser, shared.server.url);
  await drawn(page);
  const heatmapBefore = await canvasPixels(page, '.boundary[data-net="before"] canvas');
  await page.click('#play');
  await page.waitForFunction(() => Number(document.querySelector('#step').textContent.replace(/,/g, '')) > 200);
  assert.notEqual(await canvasPixels(page, '.boundary[data-net="before"] canvas'), heatmapBefore);
  assert.match(await page.textContent('#rate'), /steps\/s/);
  assert.ok((await page.$$eval('#anatomy-cards table.steps tr', (rows) => rows.length)) >= 5);
  assertOneMeaningPerColour(await drawnColours(page), 'the page'); // every chart, legend, map and histogram
  await page.click('#play'); // pause
  await page.waitForFunction(() => document.querySelector('#rate').textContent === 'paused');
  const paused = await step(page);
  await page.waitForTimeout(300);
  assert.equal(await step(page), paused);
  await page.click('#step-once');
  await page.waitForFunction(
    (s) => Number(document.querySelector('#step').textContent.replace(/,/g, '')) === s + 1,
    paused,
  );
  assert.deepEqual(page.problems, []);
  await page.screenshot({ path: artifactPath('playground.png'), fullPage: true });
  await page.close();
});

test('changing a control rebuilds the networks and writes the URL', async () => {
  const page = await openPage(shared.browser, shared.server.url);
  await drawn(page);
  await page.click('#play');
  await page.waitForFunction(() => Number(document.querySelector('#step').textContent.replace(/,/g, '')) > 20);
  // Every value the counter shows is recorded: once training resumes it passes 20 again within ~150 ms, so
  // polling for "below 20" would race it.
  await page.evaluate(() => {
    window.lowestStep = Infinity;
    const counter = document.querySelector('#step');
    new MutationObserver(
      () => (window.lowestStep = Math.min(window.lowestStep, Number(counter.textContent.replace(/,/g, '')))),
    ).observe(counter, { childList: true, characterData: true, subtree: true });
  });
  await page.selectOption('#bnp-dataset', 'xor');
  await page.waitForFunction(() => location.hash.includes('dataset=xor'));
  await page.waitForFunction(() => window.lowestStep < 20);
  await page.check('#bnp-third');
  await page.waitForFunction(() => document.querySelectorAll('.boundary').length === 3);
  assert.match(await page.evaluate(() => location.hash), /third=1/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a shared URL restores its settings, also after a reload', async () => {
  const page = await openPage(
    shared.browser,
    `${shared.server.url}#dataset=spiral&lr=0.01&depth=3&activation=relu&third=1`,
  );
  await drawn(page);
  const check = async () => {
    assert.equal(await page.inputValue('#bnp-dataset'), 'spiral');
    assert.equal(await page.inputValue('#bnp-activation'), 'relu');
    assert.equal(await page.textContent('#bnp-lr + output, .control:has(#bnp-lr) output'), '0.01');
    assert.equal(await page.$$eval('.band-chart', (c) => c.length), 3);
    assert.equal(await page.$$eval('.boundary', (f) => f.length), 3);
  };
  await check();
  await page.reload();
  await drawn(page);
  await check();
  await page.close();
});

test('malformed and out-of-range URL values are clamped with a visible notice; unknown keys are ignored', async () => {
  const page = await openPage(shared.browser, `${shared.server.url}#lr=banana&depth=40&frobnicate=1&dataset=<b>x</b>`);
  await drawn(page);
  const notices = await page.textContent('#notices');
  assert.match(notices, /lr = "banana" is not a number; using 0.3/);
  assert.match(notices, /depth = "40" is outside 1 … 6; using 6/);
  assert.match(notices, /dataset = "<b>x<\/b>" is not one of circle, xor, gauss, spiral/);
  assert.doesNotMatch(notices, /frobnicate/);
  assert.equal(await page.$$eval('#notices b', (b) => b.length), 0, 'nothing from the URL becomes HTML');
  assert.ok(await page.isVisible('#notices'));
  assert.equal(await page.$$eval('.band-chart', (c) => c.length), 6);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("a huge learning rate: the plain network stops with a message, the batch-norm one trains on, and sets no chart's scale", async () => {
  // Feature x₁ × 100 and no squashing: the plain net's weights blow up within a few steps.
  const page = await openPage(
    shared.browser,
    `${shared.server.url}#dataset=gauss&activation=linear&init=he&lr=3&scale=100&speed=5`,
  );
  await drawn(page);
  await page.click('#play');
  await page.waitForFunction(() =>
    /diverged at step \d+ — learning rate too high\?/.test(
      document.querySelector('.boundary[data-net="plain"] .diverged').textContent,
    ),
  );
  const at = await step(page);
  await page.waitForFunction(
    (s) => Number(document.querySelector('#step').textContent.replace(/,/g, '')) > s + 300,
    at,
  );
  assert.equal(await page.textContent('.boundary[data-net="before"] .diverged'), '');
  assert.match(await page.textContent('.boundary[data-net="before"] .accuracy'), /test accuracy (9\d|100)\.\d%/);
  // The plain network's last values (10¹³ and more) do not set the layer charts' scale: it fits the batch-norm
  // network's band (±2.5 or so: z̃ = γẑ + β), which would otherwise be a flat line.
  await page.$eval('#layers', (e) => e.scrollIntoView());
  await page.waitForFunction(() =>
    [...document.querySelectorAll('#layer-charts .band-chart')].every((c) => c.dataset.yRange),
  );
  await page.waitForTimeout(500);
  for (const range of await page.$$eval('#layer-charts .band-chart', (charts) =>
    charts.map((c) => c.dataset.yRange.split(',').map(Number)),
  ))
    assert.ok(range[0] > -20 && range[1] < 20 && range[1] - range[0] > 1, `layer chart y range ${range}`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('when the WebAssembly file cannot be loaded, the page says so', async () => {
  const page = await shared.browser.newPage();
  await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'missing' }));
  await page.goto(shared.server.url);
  await page.waitForFunction(() => document.querySelector('#status').textContent.length > 0);
  assert.match(await page.textContent('#status'), /could not load the WebAssembly core .*HTTP 404/);
  await page.close();
});

test('at 360 px the panels stack and nothing overflows sideways', async () => {
  const page = await openPage(shared.browser, shared.server.url, { width: 360, height: 740 });
  await drawn(page);
  await page.click('#play');
  await page.waitForFunction(() => Number(document.querySelector('#step').textContent.replace(/,/g, '')) > 50);
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  assert.ok(scrollWidth <= clientWidth, `page is ${scrollWidth} px wide in a ${clientWidth} px window`);
  await page.screenshot({ path: artifactPath('playground-360px.png'), fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the static build works from any sub-path', async () => {
  const { cpSync, mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'bnp-subpath-'));
  cpSync(join(root, 'dist'), join(dir, 'blog', 'lab'), { recursive: true });
  const other = await serve(dir, { requireIndex: false });
  try {
    const page = await openPage(shared.browser, `${other.url}blog/lab/`);
    await drawn(page);
    await page.click('#play');
    await page.waitForFunction(() => Number(document.querySelector('#step').textContent.replace(/,/g, '')) > 10);
    assert.deepEqual(page.problems, []);
    await page.close();
  } finally {
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('on a phone (360 × 740) Play and the first chart share the first screen, and one tap trains', async () => {
  const page = await openPage(shared.browser, shared.server.url, { width: 360, height: 740 });
  await drawn(page);
  const bottom = (selector) => page.$eval(selector, (e) => e.getBoundingClientRect().bottom);
  const top = (selector) => page.$eval(selector, (e) => e.getBoundingClientRect().top);
  assert.ok((await bottom('#play')) <= 740, `Play ends at ${await bottom('#play')}`);
  assert.ok((await top('#loss-chart')) < 740 - 100, `the loss chart starts at ${await top('#loss-chart')}`);
  assert.equal(await page.$eval('details.settings', (d) => d.open), false);
  await page.click('#play');
  await page.waitForFunction(() => Number(document.querySelector('#step').textContent.replace(/,/g, '')) > 50);
  await page.screenshot({ path: artifactPath('playground-360px-first-screen.png') });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('controls follow the network: layer and unit stop at its size; the seed is typed or drawn anew', async () => {
  const page = await openPage(shared.browser, `${shared.server.url}#depth=3&width=5`);
  await drawn(page);
  assert.equal(await page.$eval('#anatomy-layer', (e) => e.max), '3');
  assert.equal(await page.$eval('#anatomy-unit', (e) => e.max), '5');
  await page.selectOption('#bnp-activation', 'relu');
  await page.fill('#bnp-seed', '42');
  await page.press('#bnp-seed', 'Enter');
  await page.waitForFunction(() => location.hash.includes('seed=42'));
  await page.fill('#bnp-seed', '-5');
  await page.press('#bnp-seed', 'Enter');
  await page.waitForFunction(() => location.hash.includes('seed=0') || !location.hash.includes('seed='));
  assert.match(
    await page.textContent('.control:has(#bnp-seed) .control-notice'),
    /seed = "-5" is outside 0 … 999999; using 0/,
  );
  // A change that makes another setting impossible says so next to the control that caused it.
  await page.$eval('#anatomy-layer', (input) => {
    input.value = '3';
    input.dispatchEvent(new Event('change'));
  });
  await page.$eval('#bnp-depth', (input) => {
    input.value = '1';
    input.dispatchEvent(new Event('change'));
  });
  assert.match(
    await page.textContent('.control:has(#bnp-depth) .control-notice'),
    /layer 3 does not exist with 1 hidden layers; showing layer 1/,
  );
  assert.equal(await page.$eval('#anatomy-layer', (e) => e.max), '1');
  await page.click('.control:has(#bnp-seed) .new-value');
  await page.waitForFunction(
    () => /seed=\d+/.test(location.hash) && !location.hash.includes('seed=0&') && !location.hash.endsWith('seed=0'),
  );
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('every setting explains itself on "?" and on keyboard focus; the learning rate applies without a restart', async () => {
  const page = await openPage(shared.browser, shared.server.url);
  await drawn(page);
  const tip = '#bnp-momentum-help';
  assert.equal(await page.$eval(tip, (e) => e.hidden), true);
  // Opening it moves nothing: the controls after it stay where they were (it opens over them).
  const below = () => page.$eval('#bnp-affine', (e) => e.getBoundingClientRect().top + window.scrollY);
  const before = await below();
  await page.click('.control:has(#bnp-momentum) .help-toggle');
  assert.match(await page.textContent(tip), /running averages of μ and σ².*Changing it restarts training/s);
  assert.equal(await page.$eval(tip, (e) => e.hidden), false);
  assert.equal(await below(), before, 'the controls below did not move');
  await page.click('.control:has(#bnp-momentum) .help-toggle'); // and it closes again
  assert.equal(await page.$eval(tip, (e) => e.hidden), true);
  // Keyboard focus shows it (a mouse press does not: the tip would move the control before the click ends).
  await page.focus('.control:has(#bnp-eps) .help-toggle');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'bnp-eps');
  assert.equal(await page.$eval('#bnp-eps-help', (e) => e.hidden), false);
  assert.equal(
    await page.$$eval('#controls .control-help', (tips) => tips.length),
    await page.$$eval('#controls .control', (c) => c.length),
  );
  await page.click('#play');
  await page.waitForFunction(() => Number(document.querySelector('#step').textContent.replace(/,/g, '')) > 100);
  await page.$eval('#bnp-lr', (input) => {
    input.value = String(Number(input.value) - 100);
    input.dispatchEvent(new Event('change'));
  });
  await page.waitForFunction(() => location.hash.includes('lr='));
  await page.waitForTimeout(300);
  assert.ok((await step(page)) > 100, 'the step counter kept counting: nothing restarted');
  assert.doesNotMatch(await page.textContent('#bnp-lr-help'), /restarts/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('every slider tells a screen reader the value it stands for, not its position (aria-valuetext)', async () => {
  const page = await openPage(shared.browser, shared.server.url);
  await drawn(page);
  // The learning rate's slider is on a log scale: its position for 0.3 is 695 of 1,000.
  assert.equal(await page.$eval('#bnp-lr', (input) => input.getAttribute('aria-valuetext')), '0.3');
  assert.notEqual(await page.$eval('#bnp-lr', (input) => input.value), '0.3');
  const sliders = await page.$$eval('#controls input[type=range]', (inputs) =>
    inputs.map((input) => [
      input.id,
      input.getAttribute('aria-valuetext'),
      input.parentElement.querySelector('output')?.textContent,
    ]),
  );
  assert.ok(sliders.length >= 10);
  for (const [id, text, shown] of sliders) assert.equal(text, shown, `${id} announces what it shows`);
  // Moved by the keyboard, it announces the new value: one step of the log slider up from 0.3.
  await page.focus('#bnp-lr');
  await page.keyboard.press('ArrowRight');
  const moved = await page.$eval('#bnp-lr', (input) => input.getAttribute('aria-valuetext'));
  assert.ok(Number(moved) > 0.3 && Number(moved) < 0.32, `after one step right: ${moved}`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('an address with unknown keys (constructor, __proto__) rebuilds nothing and shows no notice', async () => {
  const page = await openPage(shared.browser, shared.server.url);
  await drawn(page);
  await page.click('#play');
  await page.waitForFunction(() => Number(document.querySelector('#step').textContent.replace(/,/g, '')) > 200);
  const before = await step(page);
  await page.evaluate(() => (location.hash = '#constructor=1&__proto__=2&toString=x'));
  await page.waitForTimeout(400);
  assert.ok((await step(page)) > before, 'training went on: nothing was rebuilt');
  assert.equal(await page.$eval('#notices', (n) => n.hidden || n.textContent.trim() === ''), true);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('after one step, while γ ≈ 1 and β ≈ 0 make z̃ equal ẑ, both show in the batch-norm histogram', async () => {
  const page = await openPage(shared.browser, shared.server.url);
  await drawn(page);
  await page.click('#step-once');
  await page.waitForFunction(() => Number(document.querySelector('#step').textContent.replace(/,/g, '')) >= 1);
  await page.waitForTimeout(500); // the anatomy redraws with the step's batch
  // Both stages are in batch norm's blue (#0072B2), told apart by their fill: ẑ at opacity 0.25, z̃ at 0.75.
  // The canvas is transparent, so a fill pixel is that blue with that alpha (± 3 for rounding).
  const counts = await page.$eval('.anatomy-card[data-net="before"] canvas.histogram', (canvas) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    const count = (alpha) => {
      let n = 0;
      for (let i = 0; i < data.length; i += 4)
        if (
          [0x00, 0x72, 0xb2].every((c, k) => Math.abs(data[i + k] - c) <= 3) &&
          Math.abs(data[i + 3] - alpha * 255) <= 3
        )
          n++;
      return n;
    };
    return { zHat: count(0.25), zTilde: count(0.75) };
  });
  assert.ok(counts.zHat > 20 && counts.zTilde > 20, JSON.stringify(counts));
  assert.deepEqual(page.problems, []);
  await page.close();
});
