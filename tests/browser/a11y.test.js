// What a screen reader gets from the charts, read from the browser's own accessibility tree (Chromium, through the
// DevTools protocol): after some training every line chart is an image whose name states its numbers; a
// figure's numbers as tables and CSV, and its live region; axe-core on the page and the post. (Every figure's
// images named with numbers: story.test.js, as it visits each.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { openPage, root, withServerAndBrowser } from './helpers.js';

const shared = withServerAndBrowser(before, after);

/** The names of the accessibility tree's images (role img), as Chromium exposes them. */
async function imageNames(page) {
  const client = await page.context().newCDPSession(page);
  const { nodes } = await client.send('Accessibility.getFullAXTree');
  await client.detach();
  return nodes.filter((n) => !n.ignored && n.role?.value === 'image').map((n) => n.name?.value ?? '');
}

test("after training, the page's charts are images named with their numbers", async () => {
  const page = await openPage(shared.browser, shared.server.url);
  await page.waitForFunction(() => document.body.dataset.drawnStep !== undefined);
  await page.click('#play');
  await page.waitForFunction(() => Number(document.querySelector('#step').textContent.replace(/,/g, '')) > 300);
  await page.click('#play'); // pause, so the names hold still while they are read
  // The layers panel draws only on screen: bring it there.
  await page.locator('#layer-charts').scrollIntoViewIfNeeded();
  await page.waitForFunction(() =>
    [...document.querySelectorAll('#layer-charts [role=img]')].every((c) => /At step/.test(c.ariaLabel)),
  );
  const names = await imageNames(page);
  const charts = await page.$$eval('[role=img]', (list) => list.length); // line charts, heatmaps, histograms
  assert.equal(names.length, charts, 'every chart reaches the tree as an image');
  for (const name of names) assert.ok(name.length > 10, `a chart without a name: "${name}"`);
  // The learning curves and each hidden layer's band, as they are announced:
  const drawn = names.filter((name) => /\. At step /.test(name));
  assert.ok(drawn.length >= 4, JSON.stringify(names));
  for (const name of drawn) assert.match(name, /At step [\d,]+: .*\d/, name);
  assert.ok(
    drawn.some((name) =>
      /^Loss\. At step [\d,]+: no batch norm, train [\d.]+, .*batch norm on z, test [\d.]+\.$/.test(name),
    ),
    JSON.stringify(drawn),
  );
  // e.g. "Hidden layer 1: input to the activation (15/50/85th percentiles). At step 310: no batch norm 15th
  // percentile -0.042, …" (p15 in the chart, in words for the ear)
  assert.ok(
    drawn.some((name) =>
      /^Hidden layer 1: .*\. At step [\d,]+: no batch norm 15th percentile -?[\d.]+, .*batch norm on z 85th percentile -?[\d.]+\.$/.test(
        name,
      ),
    ),
    JSON.stringify(drawn),
  );
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('a figure offers its numbers as tables and a CSV file, and says what it shows in a polite live region when paused', async () => {
  const page = await openPage(shared.browser, `${shared.server.url}story.html`, { width: 1000, height: 900 });
  const selector = 'batchnorm-playground[figure="compare"]';
  await page.$eval(selector, (e) => e.scrollIntoView());
  await page.waitForFunction((s) => document.querySelector(s).dataset.drawn !== undefined, selector);
  assert.equal(await page.$eval(selector, (e) => e.shadowRoot.querySelector('.bnp-live').textContent), '');
  await page.click(`${selector} .bnp-toolbar button`);
  // While it trains the region speaks at most once in 15 s: over 5 s of training, one text at most.
  const heard = new Set();
  for (let i = 0; i < 25; i++) {
    heard.add(await page.$eval(selector, (e) => e.shadowRoot.querySelector('.bnp-live').textContent));
    await page.waitForTimeout(200);
  }
  heard.delete('');
  assert.ok(heard.size <= 1, [...heard].join(' | '));
  await page.waitForFunction((s) => document.querySelector(s).work > 400, selector, { timeout: 60000 });
  await page.click(`${selector} .bnp-toolbar button`); // pause
  // Paused, it says at once where training stopped: the step on the counter.
  await page.waitForFunction((s) => {
    const root = document.querySelector(s).shadowRoot;
    const step = root.querySelector('.bnp-counter').textContent.replace('step ', '');
    return new RegExp(`^Loss\\. At step ${step}: .*\\d`).test(root.querySelector('.bnp-live').textContent);
  }, selector);
  const said = await page.$eval(selector, (e) => e.shadowRoot.querySelector('.bnp-live').textContent);
  const step = await page.$eval(selector, (e) => e.shadowRoot.querySelector('.bnp-counter').textContent);
  assert.ok(said.includes(`At step ${step.replace('step ', '')}:`), `${said} / ${step}`);
  assert.equal(
    await page.$eval(selector, (e) => e.shadowRoot.querySelector('.bnp-live').getAttribute('aria-live')),
    'polite',
  );

  // The numbers panel: one table per chart and heatmap, the loss table ending at the step shown.
  await page.click(`${selector} .bnp-numbers-panel > summary`);
  await page.locator(`${selector} .bnp-numbers`).first().waitFor(); // drawn when the panel opens
  const tables = await page.$$eval(`${selector} .bnp-numbers`, (list) =>
    list.map((t) => ({
      caption: t.caption.textContent,
      headers: [...t.tHead.rows[0].cells].map((c) => c.textContent),
      last: [...t.tBodies[0].rows].at(-1).cells[0].textContent,
    })),
  );
  const loss = tables.find((t) => t.caption.startsWith('Loss'));
  assert.ok(loss, JSON.stringify(tables));
  assert.deepEqual(loss.headers.slice(0, 3), ['step', 'no batch norm, train', 'no batch norm, test']);
  assert.equal(loss.last, step.replace('step ', ''));
  assert.ok(
    tables.some((t) => /decision regions/.test(t.caption)),
    'the heatmaps have tables too',
  );

  // The CSV: every step of the loss history, labels with commas quoted, the last row the one the chart names.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click(`${selector} .bnp-numbers-panel button`),
  ]);
  assert.equal(download.suggestedFilename(), 'compare.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  const lossBlock = csv.split('\n\n').find((b) => b.startsWith('# Loss'));
  const lines = lossBlock.trim().split('\n');
  assert.equal(
    lines[1],
    'step,"no batch norm, train","no batch norm, test","batch norm on z, train","batch norm on z, test"',
  );
  const rows = lines.slice(2).map((line) => line.split(','));
  assert.equal(rows.at(-1)[0], step.replace(/\D/g, ''), 'the CSV ends at the step shown');
  // held-out losses are measured every few steps: the last one measured is the one the name says
  const lastTest = rows.filter((r) => r[4] !== '').at(-1)[4];
  const spokenLoss = said.match(/batch norm on z, test (\d+(?:\.\d+)?)/)[1];
  assert.equal(Number(Number(lastTest).toPrecision(3)), Number(spokenLoss), 'the CSV and the spoken name agree');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('axe-core finds no violations on the page or the post', async () => {
  const axe = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
  for (const path of ['', 'story.html']) {
    const page = await openPage(shared.browser, `${shared.server.url}${path}`, { width: 1280, height: 900 });
    await page.waitForLoadState('load');
    if (!path) {
      await page.waitForFunction(() => document.body.dataset.drawnStep !== undefined);
      await page.click('#play');
      await page.waitForFunction(() => Number(document.querySelector('#step').textContent.replace(/,/g, '')) > 100);
      await page.click('#play');
    } else {
      await page.waitForFunction(() => document.querySelector('batchnorm-playground')?.dataset.drawn !== undefined);
    }
    await page.evaluate(axe); // the driver's own evaluation: the page's policy does not apply to it
    const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    assert.deepEqual(
      violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      [],
      `${path || 'the page'}`,
    );
    await page.close();
  }
});
