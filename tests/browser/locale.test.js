// A browser whose language tag Intl refuses — WebKitGTK started with LANG=C.UTF-8 reports navigator.language
// "C" — still shows the page and every figure: uPlot builds a number formatter for that tag as it loads, and
// without web/views/locale-guard.js the RangeError left everything blank. Chromium is made to report "C" here.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { openPage, root, serve, withServerAndBrowser } from './helpers.js';

const shared = withServerAndBrowser(before, after);

/** A page whose navigator.language is "C", as WebKitGTK's under LANG=C.UTF-8. */
async function openInC(url, viewport) {
  const page = await openPage(shared.browser, url, viewport);
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'language', { get: () => 'C' }));
  return page;
}

test('with navigator.language "C" (Intl refuses it), the page trains and draws', async () => {
  const page = await openInC(shared.server.url);
  await page.goto(shared.server.url);
  assert.throws(() => new Intl.NumberFormat('C'), RangeError); // what uPlot would have met
  await page.waitForFunction(() => document.body.dataset.drawnStep !== undefined);
  await page.click('#play');
  await page.waitForFunction(() => Number(document.querySelector('#step').textContent.replace(/,/g, '')) > 100);
  assert.ok((await page.locator('canvas').count()) > 0, 'charts drawn');
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('with navigator.language "C", an embedded figure draws and trains', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bnp-locale-'));
  cpSync(join(root, 'dist', 'embed'), join(dir, 'js'), { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>C locale</title><link rel="icon" href="data:,">
    <script type="module" src="js/batchnorm-playground.js"></script>
    <batchnorm-playground figure="compare" autoplay></batchnorm-playground>`,
  );
  const server = await serve(dir);
  try {
    const page = await openInC(server.url, { width: 1000, height: 1200 });
    await page.goto(server.url);
    await page.waitForFunction(() => document.querySelector('batchnorm-playground').work > 50);
    const canvases = await page.$eval('batchnorm-playground', (e) => e.shadowRoot.querySelectorAll('canvas').length);
    assert.ok(canvases > 0, 'charts drawn');
    assert.deepEqual(page.problems, []);
    await page.close();
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a figure whose code fails to load says so in its frame, in the one-file embed and in the post', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bnp-broken-'));
  cpSync(join(root, 'dist', 'embed'), join(dir, 'js'), { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>broken</title><link rel="icon" href="data:,">
    <script type="module" src="js/batchnorm-playground.js"></script>
    <batchnorm-playground figure="compare"></batchnorm-playground>`,
  );
  const server = await serve(dir);
  // Any reason will do: here every number formatter throws, so the charting library's module cannot load.
  const breakIntl = () => {
    Intl.NumberFormat = function () {
      throw new RangeError('no number formats in this test');
    };
  };
  try {
    for (const url of [server.url, `${shared.server.url}story.html`]) {
      const page = await shared.browser.newPage({ viewport: { width: 1000, height: 1200 } });
      await page.addInitScript(breakIntl);
      await page.goto(url);
      await page.waitForFunction(() =>
        document.querySelector('batchnorm-playground')?.shadowRoot?.querySelector('.bnp-error'),
      );
      const text = await page.$eval(
        'batchnorm-playground',
        (e) => e.shadowRoot.querySelector('.bnp-error').textContent,
      );
      assert.match(text, /could not start: its code failed to load \(.*no number formats in this test.*\)/, url);
      await page.close();
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
