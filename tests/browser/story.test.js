// The example post and the embed bundle in headless Chromium: every figure draws, off-screen figures rest,
// figures of one kind keep their own state, nothing overflows at 360 px, and the one-file bundle works when
// copied into any folder.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { FIGURE_NAMES } from '../../web/state/figures.js';
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

const work = (page, selector) => page.$eval(selector, (e) => e.work);

/** The post with its compare figure scrolled into view and training (past 50 steps): { page, selector }. */
async function playingCompare() {
  const page = await openPage(shared.browser, `${shared.server.url}story.html`, { width: 1000, height: 900 });
  const selector = 'batchnorm-playground[figure="compare"]';
  await page.$eval(selector, (e) => e.scrollIntoView());
  await page.waitForFunction((s) => document.querySelector(s).dataset.drawn !== undefined, selector);
  await page.click(`${selector} .bnp-toolbar button`);
  await page.waitForFunction((s) => document.querySelector(s).work > 50, selector);
  return { page, selector };
}

test('the example post shows every figure, each drawing, one colour per meaning, with no console errors', async () => {
  const page = await openPage(shared.browser, `${shared.server.url}story.html`, { width: 1000, height: 900 });
  const names = await page.$$eval('batchnorm-playground', (els) => els.map((e) => e.getAttribute('figure')));
  assert.deepEqual([...names].sort(), [...FIGURE_NAMES].sort(), 'the post shows every figure of the table once');
  const everyColour = [];
  for (const name of names) {
    const selector = `batchnorm-playground[figure="${name}"]`;
    await page.$eval(selector, (e) => e.scrollIntoView());
    await page.waitForFunction((s) => document.querySelector(s).dataset.drawn !== undefined, selector);
    const play = await page.$(`${selector} .bnp-toolbar button`);
    if (play) {
      await play.click();
      await page.waitForFunction((s) => document.querySelector(s).work > 20, selector);
      await play.click(); // pause again, so the next figures have the worker to themselves
    } else {
      await page.waitForFunction((s) => document.querySelector(s).work > 0, selector);
    }
    assert.ok(
      await page.$eval(selector, (e) => e.shadowRoot.querySelectorAll('canvas').length > 0),
      `${name} draws on a canvas`,
    );
    assert.equal(
      await page.$eval(selector, (e) => e.shadowRoot.querySelector('.bnp-status')?.textContent ?? ''),
      '',
      `${name} reports no error`,
    );
    // For screen readers: every chart of the figure is an image named with what it shows, in numbers — but the
    // charts of a stage a sweep has not reached yet (its summary ends "…"), which say "no data yet".
    const unnamed = await page.$eval(selector, (e) => {
      const running = /…$/.test(e.shadowRoot.querySelector('.bnp-summary')?.textContent ?? '');
      return [...e.shadowRoot.querySelectorAll('[role=img]')]
        .map((c) => c.getAttribute('aria-label') ?? '')
        .filter(
          (name) =>
            !/\d/.test(name) || (!running && /no data yet|no values yet|no prediction yet|not yet run/i.test(name)),
        );
    });
    assert.deepEqual(unnamed, [], `${name}: charts without numbers in their names`);
    // and with the symbols a screen reader drops or says alike in words (speakable.js)
    const mangled = await page.$eval(selector, (e) =>
      [...e.shadowRoot.querySelectorAll('[role=img]')]
        .map((c) => c.getAttribute('aria-label'))
        .filter((name) => /ẑ|z̃|‖|√|σ|μ|γ|∇|[₀-₉]/.test(name)),
    );
    assert.deepEqual(mangled, [], `${name}: chart names with symbols`);
    assert.ok(
      await page.$eval(selector, (e) => e.shadowRoot.querySelector('.bnp-numbers-panel > summary') !== null),
      `${name} offers its numbers`,
    );
    assert.ok(
      await page.$eval(selector, (e) => e.shadowRoot.querySelector('.bnp-caption-note').hidden),
      `${name}: at its defaults the caption needs no note`,
    );
    const colours = await drawnColours(page, selector);
    assert.ok(colours.length > 0, `${name} records the colours it draws`);
    assertOneMeaningPerColour(colours, name); // within a figure, one colour, one meaning
    everyColour.push(...colours);
    await page.locator(selector).screenshot({ path: artifactPath(`figure-${name}.png`) });
  }
  // and across the post, each meaning always the same colour
  const colourOf = new Map();
  for (const [meaning, colour] of everyColour) {
    assert.equal(colourOf.get(meaning) ?? colour, colour, `${meaning} is drawn in two colours`);
    colourOf.set(meaning, colour);
  }
  assert.match(await page.textContent('footer'), /Ioffe and .*Szegedy/);
  assert.deepEqual(page.problems, []);
  assert.equal(await page.evaluate(() => location.hash), '', 'figures never touch the URL');
  await page.screenshot({ path: artifactPath('story.png'), fullPage: true });
  await page.close();
});

test('a figure that scrolls off screen stops training, and starts again when it returns', async () => {
  const page = await openPage(shared.browser, `${shared.server.url}story.html`, { width: 1000, height: 700 });
  const selector = 'batchnorm-playground[figure="compare"]';
  await page.$eval(selector, (e) => e.scrollIntoView());
  await page.waitForFunction((s) => document.querySelector(s).dataset.drawn !== undefined, selector);
  await page.click(`${selector} .bnp-toolbar button`);
  await page.waitForFunction((s) => document.querySelector(s).work > 50, selector);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(300);
  const away = await work(page, selector);
  await page.waitForTimeout(1500);
  assert.equal(await work(page, selector), away, 'no training while off screen');
  // Figures never scrolled to have not started at all.
  assert.equal(await work(page, 'batchnorm-playground[figure="placement"]'), 0);
  await page.$eval(selector, (e) => e.scrollIntoView());
  await page.waitForFunction(([s, before]) => document.querySelector(s).work > before + 20, [selector, away]);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('at 360 px the post and its figures fit the width', async () => {
  const page = await openPage(shared.browser, `${shared.server.url}story.html`, { width: 360, height: 740 });
  for (const name of FIGURE_NAMES) {
    const selector = `batchnorm-playground[figure="${name}"]`;
    await page.$eval(selector, (e) => e.scrollIntoView());
    await page.waitForFunction((s) => document.querySelector(s).dataset.drawn !== undefined, selector);
    await page.locator(selector).screenshot({ path: artifactPath(`figure-${name}-360px.png`) });
  }
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  assert.ok(scrollWidth <= clientWidth, `the post is ${scrollWidth} px wide in a ${clientWidth} px window`);
  await page.screenshot({ path: artifactPath('story-360px.png'), fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the embed bundle, copied next to a plain HTML page, loads and trains; two figures keep separate state', async () => {
  // One script is the whole bundle: the worker and the WebAssembly are inside it (the digits of the mnist
  // figure are the only other files, copied beside it by the build: the sample, and full MNIST on request).
  assert.deepEqual(readdirSync(join(root, 'dist', 'embed')).sort(), ['batchnorm-playground.js', 'generated']);
  assert.deepEqual(readdirSync(join(root, 'dist', 'embed', 'generated')).sort(), ['mnist-full.bin.gz', 'mnist.bin']);
  const dir = mkdtempSync(join(tmpdir(), 'bnp-embed-'));
  cpSync(join(root, 'dist', 'embed', 'batchnorm-playground.js'), join(dir, 'js', 'batchnorm-playground.js'));
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>my post</title><link rel="icon" href="data:,">
    <script type="module" src="js/batchnorm-playground.js"></script>
    <p>Some text.</p>
    <batchnorm-playground id="one" figure="compare" seed="3" autoplay controls="lr"></batchnorm-playground>
    <batchnorm-playground id="two" figure="compare" dataset="xor" controls="lr,batch"></batchnorm-playground>
    <batchnorm-playground id="bad" figure="histogram"></batchnorm-playground>
    <batchnorm-playground id="badcontrols" figure="drift" controls="lr,wings"></batchnorm-playground>
    <batchnorm-playground id="digits" figure="mnist"></batchnorm-playground>`,
  );
  const embedServer = await serve(dir);
  try {
    const page = await openPage(shared.browser, embedServer.url, { width: 1000, height: 3000 });
    await page.waitForFunction(() => document.querySelector('#one').work > 30);
    assert.equal(await work(page, '#two'), 0, 'the second figure waits for its own Play');
    assert.match(await page.textContent('#bad >> .bnp-error'), /figure="histogram" is not one of input-scale, compare/);
    assert.match(
      await page.textContent('#badcontrols >> .bnp-error'),
      /controls="lr,wings" names "wings", which is not a setting/,
    );
    // The digits were not copied beside the script: the mnist figure names the file it needs.
    await page.$eval('#digits', (e) => e.scrollIntoView());
    await page.waitForFunction(
      () => document.querySelector('#digits').shadowRoot.querySelector('.bnp-status')?.textContent,
    );
    assert.match(
      await page.textContent('#digits >> .bnp-status'),
      /could not load the MNIST digits from .*js\/generated\/mnist\.bin: HTTP 404 — the mnist figure needs mnist\.bin in a folder "generated" beside the script/,
    );
    assert.match(await page.textContent('#digits >> .bnp-progress'), /could not be loaded/);
    page.problems = page.problems.filter((p) => !/404/.test(p)); // the browser logs the failed request itself
    // Separate state: each has its own controls and counter.
    assert.equal(await page.$$eval('#one .control', (c) => c.length), 1);
    assert.equal(await page.$$eval('#two .control', (c) => c.length), 2);
    await page.$eval('#two input[type=range]', (input) => {
      input.value = '200';
      input.dispatchEvent(new Event('change'));
    });
    assert.notEqual(
      await page.$eval('#one output', (o) => o.textContent),
      await page.$eval('#two output', (o) => o.textContent),
    );
    await page.click('#two .bnp-toolbar button');
    await page.waitForFunction(() => document.querySelector('#two').work > 30);
    assert.ok(await page.$eval('#one', (e) => e.work > 30));
    assert.deepEqual(page.problems, []);
    await page.screenshot({ path: artifactPath('embed.png') });
    await page.close();
  } finally {
    await embedServer.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the mnist figure trains both networks on real digits, draws, and downloads its results', async () => {
  const page = await openPage(shared.browser, `${shared.server.url}story.html`, { width: 1000, height: 900 });
  const selector = 'batchnorm-playground[figure="mnist"]';
  await page.$eval(selector, (e) => e.scrollIntoView());
  await page.waitForFunction((s) => document.querySelector(s).dataset.drawn !== undefined, selector);
  await page.click(`${selector} .bnp-toolbar button`);
  // Regular checkpoints come every 500 steps: wait for two per network.
  await page.waitForFunction((s) => document.querySelector(s).work > 2200, selector, { timeout: 60000 });
  assert.match(
    await page.textContent(`${selector} .bnp-progress`),
    /step [\d,]+ of 50,000 · \d+ steps\/s per network · about \d+ s left/,
  );
  await page.click(`${selector} .bnp-toolbar button`); // pause
  await page.waitForFunction(
    (s) => document.querySelector(s).shadowRoot.querySelector('.bnp-toolbar button').textContent === 'Play',
    selector,
  );
  const paused = await work(page, selector);
  await page.waitForTimeout(500);
  assert.ok((await work(page, selector)) - paused < 400, 'pause stops both networks (a frame in flight may finish)');
  // The charts redraw only when a checkpoint arrives: they show every checkpoint each network's history holds.
  const [charted, held] = await page.$eval(selector, (e) => [
    e.shadowRoot.querySelector('.bnp-charts').dataset.checkpoints,
    Object.values(e.readings().histories)
      .map((h) => h.steps.length)
      .join(','),
  ]);
  assert.equal(charted, held);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click(`${selector} >> text=Download results (CSV)`),
  ]);
  const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString());
  const lines = csv.trim().split('\n');
  assert.equal(
    lines[0],
    'step,plain_test_accuracy,plain_p15,plain_p50,plain_p85,batchNorm_test_accuracy,batchNorm_p15,batchNorm_p50,batchNorm_p85',
  );
  assert.ok(lines.length >= 3);
  // Checkpoints at 0, 100 … 400 (so the charts start at once), then every 500 steps.
  assert.deepEqual(
    lines.slice(1, 7).map((line) => Number(line.split(',')[0])),
    [0, 100, 200, 300, 400, 500],
  );
  const [step, plainAccuracy, , , , bnAccuracy] = lines[6].split(',').map(Number);
  assert.equal(step, 500);
  assert.ok(bnAccuracy > plainAccuracy, `at step 500 batch norm is ahead: ${bnAccuracy} vs ${plainAccuracy}`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("the mnist figure's full-MNIST switch downloads with progress, can be cancelled, fetches once, and trains on 60,000 digits", async () => {
  const page = await openPage(shared.browser, `${shared.server.url}story.html`, { width: 1000, height: 900 });
  const selector = 'batchnorm-playground[figure="mnist"]';
  const text = () => page.$eval(selector, (e) => e.shadowRoot.querySelector('.bnp-data-text').textContent);
  // The download is held back until the test lets it go, so Cancel has something to cancel.
  let requests = 0,
    release;
  // The page's build names the file mnist-full.bin-HASH.gz (element/mnist-digits.js hands it to the bundler).
  await page.route(/mnist-full\.bin(-[\w-]+)?\.gz$/, async (route) => {
    requests++;
    if (requests === 1) await new Promise((resolve) => (release = resolve));
    await route.continue().catch(() => {}); // the first request was cancelled meanwhile
  });
  await page.$eval(selector, (e) => e.scrollIntoView());
  await page.waitForFunction((s) => document.querySelector(s).dataset.drawn !== undefined, selector);
  assert.match(await text(), /^a sample of MNIST: 8,000 digits to learn from, 2,000 to test on$/);
  assert.match(await page.textContent(`${selector} .bnp-data label`), /full MNIST \(11\.5 MB\)/);
  await page.locator(`${selector} .bnp-data input`).check();
  await page.locator(`${selector} .bnp-data button`).waitFor({ state: 'visible' });
  assert.ok(await page.locator(`${selector} .bnp-data progress`).isVisible());
  await page.click(`${selector} .bnp-data button`); // Cancel
  await page.waitForFunction(
    (s) => /^download cancelled/.test(document.querySelector(s).shadowRoot.querySelector('.bnp-data-text').textContent),
    selector,
  );
  release();
  assert.equal(await page.locator(`${selector} .bnp-data input`).isChecked(), false);
  assert.equal(await page.locator(`${selector} .bnp-data progress`).isVisible(), false);
  // Again, to the end: progress in MB, then all of MNIST.
  await page.locator(`${selector} .bnp-data input`).check();
  await page.waitForFunction(
    (s) => /^all of MNIST/.test(document.querySelector(s).shadowRoot.querySelector('.bnp-data-text').textContent),
    selector,
    { timeout: 30000 },
  );
  assert.equal(await text(), 'all of MNIST: 60,000 digits to learn from, 10,000 to test on');
  await page.click(`${selector} .bnp-toolbar button`);
  await page.waitForFunction(
    (s) => Object.values(document.querySelector(s).readings().histories).every((h) => h.steps.includes(500)),
    selector,
    { timeout: 60000 },
  );
  // The step-500 checkpoint on the 10,000 test digits: batch norm well ahead (PyTorch, same data and seed:
  // 0.1824 vs 0.8996).
  const at500 = await page.$eval(selector, (e) =>
    Object.fromEntries(
      Object.entries(e.readings().histories).map(([id, h]) => [id, h.columns.accuracy[h.steps.indexOf(500)]]),
    ),
  );
  assert.ok(at500.batchNorm > 0.8 && at500.plain < 0.5, `step 500: ${JSON.stringify(at500)}`);
  // Back to the sample and to full MNIST again: no second download.
  await page.locator(`${selector} .bnp-data input`).uncheck();
  assert.match(await text(), /^a sample of MNIST/);
  await page.locator(`${selector} .bnp-data input`).check();
  await page.waitForFunction(
    (s) => /^all of MNIST/.test(document.querySelector(s).shadowRoot.querySelector('.bnp-data-text').textContent),
    selector,
  );
  assert.equal(requests, 2, 'one cancelled request and one download, then none');
  assert.deepEqual(
    page.problems.filter((p) => !/ERR_ABORTED|aborted/i.test(p)),
    [],
  );
  await page.close();
});

test('a figure whose WebAssembly cannot be loaded says why instead of staying blank', async () => {
  const page = await shared.browser.newPage({ viewport: { width: 1000, height: 900 } });
  await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'missing' }));
  await page.goto(`${shared.server.url}story.html`);
  const selector = 'batchnorm-playground[figure="compare"]';
  await page.$eval(selector, (e) => e.scrollIntoView());
  await page.waitForFunction(
    (s) => document.querySelector(s).shadowRoot.querySelector('.bnp-status')?.textContent,
    selector,
  );
  assert.match(await page.textContent(`${selector} .bnp-status`), /could not load the WebAssembly core .*HTTP 404/);
  await page.close();
});

test('a figure whose worker quits says so, and Restart trains it again on a new worker', async () => {
  const { page, selector } = await playingCompare();
  // A worker that ends without a word (as one killed by the browser would): nothing reaches the page.
  for (const worker of page.workers()) await worker.evaluate(() => close()).catch(() => {});
  await page.waitForFunction(
    (s) =>
      /stopped answering at step [\d,]+/.test(
        document.querySelector(s).shadowRoot.querySelector('.bnp-status').textContent,
      ),
    selector,
    { timeout: 20000 },
  );
  const stopped = await work(page, selector);
  await page.click(`${selector} .bnp-recover`);
  await page.waitForFunction(([s, before]) => document.querySelector(s).work > before + 50, [selector, stopped]);
  assert.equal(await page.$eval(selector, (e) => e.shadowRoot.querySelector('.bnp-status').textContent), '');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a figure that opens on a worker that quit unnoticed gets a live one; the figures on it say theirs stopped', async () => {
  // Four idle figures fill the pool (at most four workers); their workers then quit while none plays, so no
  // watchdog notices. A fifth figure scrolled into view must not be handed one of the dead workers.
  const dir = mkdtempSync(join(tmpdir(), 'bnp-dead-'));
  cpSync(join(root, 'dist', 'embed', 'batchnorm-playground.js'), join(dir, 'batchnorm-playground.js'));
  writeFileSync(join(dir, 'page.css'), '.spacer { height: 4000px; }');
  const idle = [1, 2, 3, 4].map(
    (k) =>
      `<batchnorm-playground id="f${k}" figure="anatomy" height="120" compact controls="none"></batchnorm-playground>`,
  );
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>dead workers</title><link rel="icon" href="data:,">
    <link rel="stylesheet" href="page.css"><script type="module" src="batchnorm-playground.js"></script>
    ${idle.join('\n')}<div class="spacer"></div>
    <batchnorm-playground id="late" figure="compare" height="120" compact></batchnorm-playground>`,
  );
  const server = await serve(dir, { requireIndex: false });
  try {
    const page = await openPage(shared.browser, server.url, { width: 1000, height: 3000 });
    await page.waitForFunction(() =>
      [1, 2, 3, 4].every((k) => document.querySelector(`#f${k}`).dataset.drawn !== undefined),
    );
    const pool = page.workers().length;
    for (const worker of page.workers()) await worker.evaluate(() => close()).catch(() => {});
    await page.$eval('#late', (e) => e.scrollIntoView());
    await page.waitForFunction(() => document.querySelector('#late').dataset.drawn !== undefined, null, {
      timeout: 20000,
    });
    await page.click('#late .bnp-toolbar button');
    await page.waitForFunction(() => document.querySelector('#late').work > 20);
    // The figures whose worker was found dead say so, and offer a restart.
    const said = await page.$eval('#f1', (e) => e.shadowRoot.querySelector('.bnp-status').textContent);
    assert.match(said, /stopped answering.*restart/);
    console.log(`pool of ${pool} workers, all quit; the late figure trained on a new one; #f1 says: ${said}`);
    assert.deepEqual(page.problems, []);
    await page.close();
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('in a 600 px column, height="160" compact makes compare short: folded caption, heatmaps as tall as the charts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bnp-compact-'));
  cpSync(join(root, 'dist', 'embed', 'batchnorm-playground.js'), join(dir, 'batchnorm-playground.js'));
  // The column's style in a file of its own: the test server's strict CSP refuses inline styles.
  writeFileSync(join(dir, 'column.css'), 'body { max-width: 600px; margin: 1rem auto; }');
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>column</title><link rel="icon" href="data:,">
    <link rel="stylesheet" href="column.css"><script type="module" src="batchnorm-playground.js"></script>
    <batchnorm-playground id="full" figure="compare"></batchnorm-playground>
    <batchnorm-playground id="small" figure="compare" height="160" compact></batchnorm-playground>`,
  );
  const server = await serve(dir, { requireIndex: false });
  try {
    const page = await openPage(shared.browser, server.url, { width: 700, height: 2400 });
    await page.waitForFunction(() =>
      ['#full', '#small'].every((s) => document.querySelector(s).dataset.drawn !== undefined),
    );
    const height = (s) => page.$eval(s, (e) => e.getBoundingClientRect().height);
    const [full, small] = [await height('#full'), await height('#small')];
    // 720 px until the heatmaps got their key and every figure its numbers panel (one line each, about 70 px)
    assert.ok(small <= 800 && small < full - 200, `compact ${small} px against ${full} px`);
    assert.equal(await page.$eval('#small', (e) => e.shadowRoot.querySelector('details.bnp-about').open), false);
    const heatmap = await page.$eval(
      '#small',
      (e) => e.shadowRoot.querySelector('canvas.heatmap').getBoundingClientRect().height,
    );
    assert.ok(heatmap <= 161, `heatmap ${heatmap} px tall`);
    await page.locator('#small').screenshot({ path: artifactPath('figure-compare-compact-600px.png') });
    assert.deepEqual(page.problems, []);
    await page.close();
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a worker that throws outside any handler is replaced: the figure says so and restarts on a new one', async () => {
  const { page, selector } = await playingCompare();
  const workers = page.workers().length;
  for (const worker of page.workers())
    await worker
      .evaluate(() =>
        setTimeout(() => {
          throw new Error('injected fault');
        }),
      )
      .catch(() => {});
  await page.waitForFunction(
    (s) =>
      /the training worker failed: .*injected fault.*restart/.test(
        document.querySelector(s).shadowRoot.querySelector('.bnp-status').textContent,
      ),
    selector,
  );
  const stopped = await work(page, selector);
  await page.click(`${selector} .bnp-recover`);
  await page.waitForFunction(([s, before]) => document.querySelector(s).work > before + 50, [selector, stopped]);
  for (let wait = 0; wait < 20 && page.workers().length > workers; wait++) await page.waitForTimeout(100);
  assert.ok(
    page.workers().length <= workers,
    `the failed worker was terminated, not kept beside the new one: ${page.workers().length} workers, ${workers} before the fault`,
  );
  page.problems = page.problems.filter((p) => !/injected fault/.test(p));
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('changing controls or autoplay applies to the running figure; any other attribute restarts it and says so', async () => {
  const { page, selector } = await playingCompare();
  await page.waitForFunction((s) => document.querySelector(s).readings()?.step > 100, selector);
  await page.$eval(selector, (e) => e.setAttribute('controls', 'lr,batch'));
  assert.equal(await page.$$eval(`${selector} .control`, (c) => c.length), 2);
  const step = await page.$eval(selector, (e) => e.readings().step);
  await page.waitForFunction(
    ([s, before]) => document.querySelector(s).readings().step > before + 50,
    [selector, step],
  );
  assert.equal(await page.$$eval(`${selector} .bnp-notices`, (n) => n.length), 0, 'no restart, no notice');
  await page.$eval(selector, (e) => e.setAttribute('height', '160'));
  assert.match(await page.textContent(`${selector} .bnp-notices`), /height changed, so the figure started again/);
  assert.ok((await page.$eval(selector, (e) => e.readings()?.step ?? 0)) < 50, 'it started again from step 0');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a figure removed before its worker session opens never trains', async () => {
  // The post in a window too short to show any of its figures; the core's bytes are held back, so a figure that
  // appears asks for a session and waits. It is removed while waiting; then the bytes arrive.
  const page = await shared.browser.newPage({ viewport: { width: 1000, height: 60 } });
  let release;
  const held = new Promise((resolve) => (release = resolve));
  let asked = false;
  await page.route('**/*.wasm', async (route) => {
    asked = true;
    await held;
    await route.continue();
  });
  await page.goto(`${shared.server.url}story.html`);
  await page.waitForFunction(() => customElements.get('batchnorm-playground'));
  await page.evaluate(() => {
    const element = document.createElement('batchnorm-playground');
    element.id = 'gone';
    element.setAttribute('figure', 'compare');
    element.setAttribute('autoplay', '');
    document.body.prepend(element); // on screen: it starts, and waits for the core
  });
  for (let wait = 0; wait < 50 && !asked; wait++) await page.waitForTimeout(100);
  assert.ok(asked, 'the figure asked for the core');
  await page.evaluate(() => document.querySelector('#gone').remove());
  release();
  await page.waitForTimeout(1500);
  let sessions = 0;
  for (const worker of page.workers()) sessions += (await worker.evaluate(() => globalThis.bnpMemory()))?.sessions ?? 0;
  assert.equal(sessions, 0, 'no session was left for the removed figure');
  await page.close();
});

test('a changed setting: the caption says its numbers are for the defaults and what differs, and one click goes back', async () => {
  const page = await openPage(shared.browser, `${shared.server.url}story.html`, { width: 1000, height: 900 });
  const selector = 'batchnorm-playground[figure="compare"]';
  await page.$eval(selector, (e) => e.scrollIntoView());
  await page.waitForFunction((s) => document.querySelector(s).dataset.drawn !== undefined, selector);
  assert.ok(await page.$eval(selector, (e) => e.shadowRoot.querySelector('.bnp-caption-note').hidden));
  await page.$eval(selector, (e) => {
    const input = e.shadowRoot.querySelector('input[type=range]'); // the learning rate, first of its controls
    input.value = '900';
    input.dispatchEvent(new Event('change'));
  });
  const text = await page.$eval(selector, (e) => e.shadowRoot.querySelector('.bnp-caption-note').textContent);
  assert.match(text, /The caption’s numbers are for the figure’s defaults; here learning rate [\d.]+ \(default 0\.3\)/);
  await page.click(`${selector} .bnp-caption-note button`);
  assert.ok(await page.$eval(selector, (e) => e.shadowRoot.querySelector('.bnp-caption-note').hidden));
  assert.equal(await page.$eval(selector, (e) => e.shadowRoot.querySelector('output').textContent), '0.3');
  assert.deepEqual(page.problems, []);
  await page.close();
});
