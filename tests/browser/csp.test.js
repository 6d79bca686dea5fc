// Under a strict Content-Security-Policy — script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob: —
// WebAssembly may compile but nothing may be built from strings (no eval, no new Function). The page, the
// example post and the one-file embed script must all work there: the core's glue is built with
// -sDYNAMIC_EXECUTION=0 (cpp/bindings/CMakeLists.txt). Every page the tests serve carries this policy
// (helpers.js: serve), so the page, the example post's figures and the claims are all checked
// under it, and any CSP violation, in the page or a worker, is a problem that fails them. This file checks
// that the policy is really in force, and the embed script copied beside a page with the policy.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { artifactPath, evalInWorker, openPage, root, serve, withServerAndBrowser } from './helpers.js';

const shared = withServerAndBrowser(before, after);

/**
 * The policy is in force: code from strings is refused (so a glue that needed it would fail here). Asked in a
 * worker (blob:, as the embed script starts its own), because the test driver's own evaluate() is exempt.
 */
async function assertEvalRefused(page) {
  const refused = await page.evaluate(evalInWorker);
  assert.equal(refused, 'EvalError', 'the page runs under the strict policy');
  page.problems = page.problems.filter((p) => !/unsafe-eval|EvalError/.test(p)); // this probe's own refusal
}

test('the page trains under the strict CSP', async () => {
  const page = await openPage(shared.browser, shared.server.url);
  await assertEvalRefused(page);
  await page.waitForFunction(() => document.body.dataset.drawnStep !== undefined);
  await page.click('#play');
  await page.waitForFunction(() => Number(document.querySelector('#step').textContent.replace(/,/g, '')) > 100);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('the one-file embed script, copied beside a page served with the strict CSP, trains and loads its digits', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bnp-csp-'));
  cpSync(join(root, 'dist', 'embed'), join(dir, 'js'), { recursive: true });
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>strict</title><link rel="icon" href="data:,">
    <script type="module" src="js/batchnorm-playground.js"></script>
    <batchnorm-playground id="one" figure="compare" autoplay></batchnorm-playground>
    <batchnorm-playground id="digits" figure="mnist"></batchnorm-playground>`,
  );
  const server = await serve(dir);
  try {
    const page = await openPage(shared.browser, server.url, { width: 1000, height: 2400 });
    await assertEvalRefused(page);
    await page.waitForFunction(() => document.querySelector('#one').work > 30);
    await page.$eval('#digits', (e) => e.scrollIntoView());
    await page.click('#digits .bnp-toolbar button');
    await page.waitForFunction(() => document.querySelector('#digits').work > 0, null, { timeout: 60000 });
    assert.deepEqual(page.problems, []);
    await page.screenshot({ path: artifactPath('csp-embed.png') });
    await page.close();
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
