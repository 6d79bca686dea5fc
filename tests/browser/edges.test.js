// What a reader's browser or a blogger's page can bring that the other tests do not: a language tag Intl refuses
// (WebKitGTK started with LANG=C.UTF-8 reports navigator.language "C"; uPlot builds a number formatter for it as it
// loads, and without web/views/locale-guard.js the RangeError left everything blank — Chromium is made to report
// "C" here), figure code that fails to load, and a control a page leaves out.
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

test('the mnist figure\'s "full MNIST" switch is a control a page can leave out: shown by default and with controls="data,lr", hidden with "lr" or "none", and it follows a changed attribute', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bnp-switch-'));
  cpSync(join(root, 'dist', 'embed'), join(dir, 'js'), { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>switch</title><link rel="icon" href="data:,">
    <script type="module" src="js/batchnorm-playground.js"></script>
    ${['', 'data,lr', 'lr', 'none'].map((c, i) => `<batchnorm-playground id="m${i}" figure="mnist" ${i ? `controls="${c}"` : ''}></batchnorm-playground>`).join('\n')}
    <batchnorm-playground id="bad" figure="compare" controls="data"></batchnorm-playground>`,
  );
  const server = await serve(dir);
  try {
    const page = await openPage(shared.browser, server.url, { width: 1000, height: 5000 });
    await page.waitForFunction(() =>
      [0, 1, 2, 3].every((i) => document.querySelector(`#m${i}`).shadowRoot?.querySelector('.bnp-data')),
    );
    const shown = (id) => page.$eval(`#${id}`, (e) => !e.shadowRoot.querySelector('.bnp-data').hidden);
    assert.deepEqual(await Promise.all(['m0', 'm1', 'm2', 'm3'].map(shown)), [true, true, false, false]);
    // "data" is the mnist figure's own: another figure names it as an unknown control, listing what is allowed
    const error = await page.$eval('#bad', (e) => e.shadowRoot.querySelector('.bnp-error')?.textContent ?? '');
    assert.match(error, /controls="data" names "data", which is not a setting; allowed are dataset, .*, or none/);
    await page.$eval('#m2', (e) => e.setAttribute('controls', 'data'));
    assert.equal(await shown('m2'), true);
    await page.$eval('#m0', (e) => e.setAttribute('controls', 'seed'));
    assert.equal(await shown('m0'), false);
    assert.deepEqual(page.problems, []);
    await page.close();
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
