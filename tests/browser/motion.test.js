// With prefers-reduced-motion, nothing moves or trains until the reader asks: a sweep that runs at once when shown
// (lr-sweep) and a figure with autoplay both wait for Play, then run.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { launch, openPage, root, serve } from './helpers.js';

let browser, server, dir;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bnp-motion-'));
  cpSync(join(root, 'dist', 'embed'), join(dir, 'js'), { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>reduced motion</title><link rel="icon" href="data:,">
    <script type="module" src="js/batchnorm-playground.js"></script>
    <batchnorm-playground id="sweep" figure="lr-sweep"></batchnorm-playground>
    <batchnorm-playground id="auto" figure="compare" autoplay></batchnorm-playground>`,
  );
  server = await serve(dir);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('with reduced motion, a sweep and an autoplay figure wait for Play, then run', async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 3000 }, reducedMotion: 'reduce' });
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(e.message));
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector('#sweep').shadowRoot?.querySelector('[data-role="play"]'));
  await page.waitForTimeout(2500); // what would have run by now did not
  for (const id of ['#sweep', '#auto']) assert.equal(await page.$eval(id, (e) => e.work), 0, `${id} waits`);
  // and the sweep says so, rather than "training 0 of 16…"
  assert.match(
    await page.$eval('#sweep', (e) => e.shadowRoot.querySelector('.bnp-summary').textContent),
    /^Not run yet: Play trains at 16 learning rates, 300 steps each\.$/,
  );
  for (const id of ['#sweep', '#auto']) {
    await page.$eval(id, (e) => e.shadowRoot.querySelector('[data-role="play"]').click());
    await page.waitForFunction((s) => document.querySelector(s).work > 0, id);
  }
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('without reduced motion the same page starts both on its own', async () => {
  const page = await openPage(browser, server.url, { width: 1000, height: 3000 });
  for (const id of ['#sweep', '#auto']) await page.waitForFunction((s) => document.querySelector(s).work > 0, id);
  assert.deepEqual(page.problems, []);
  await page.close();
});
