// What every engine must do, whichever drives it (drivers.js): the page trains under the strict CSP, and
// every figure of the example post draws, reporting no error. The same checks as the Chromium suite's
// csp.test.js and story.test.js, written once for Firefox and WebKit; screenshots go to test-artifacts/.
import assert from 'node:assert/strict';

import { FIGURE_NAMES } from '../../web/state/figures.js';
import { artifactPath, evalInWorker, serve } from '../browser/helpers.js';

const probe = new URL('./probe.js', import.meta.url).pathname;
export const startServer = () => serve(undefined, { probe });

const problems = (engine) =>
  engine.run(() => window.bnpProblems.filter((p) => !/unsafe-eval|EvalError|Function/.test(p)));

/** Waits for `fn(arg)` to hold; on a timeout, says what was awaited and what the page recorded as problems. */
async function until(engine, what, fn, arg, ms) {
  try {
    await engine.waitFor(fn, arg, ms);
  } catch (error) {
    const seen = await problems(engine).catch(() => ['(the page could not be asked)']);
    throw new Error(`${engine.name}: ${what} did not happen (${error.message}); problems: ${JSON.stringify(seen)}`, {
      cause: error,
    });
  }
}

/** The page: trains past 100 steps under the strict policy, with nothing recorded as a problem. */
export async function pageTrains(engine, url, tag) {
  await engine.goto(url);
  assert.equal(await engine.run(evalInWorker), 'EvalError', `${engine.name}: the page runs under the strict policy`);
  await until(engine, 'the page drawing', () => document.body.dataset.drawnStep !== undefined);
  await engine.run(() => document.querySelector('#play').click());
  await until(
    engine,
    'training past step 100',
    () => Number(document.querySelector('#step').textContent.replace(/,/g, '')) > 100,
  );
  assert.ok(
    await engine.run(() => [...document.querySelectorAll('canvas')].filter((c) => c.width > 0).length > 4),
    `${engine.name}: the page's charts have canvases`,
  );
  assert.deepEqual(await problems(engine), [], `${engine.name}: no errors on the page`);
  await engine.screenshot(artifactPath(`engine-${tag}-page.png`));
}

/** The post: every figure of the table, scrolled to, played (or left to run) until it has worked. */
export async function everyFigureDraws(engine, url, tag) {
  await engine.goto(`${url}story.html`);
  const names = await engine.run(() =>
    [...document.querySelectorAll('batchnorm-playground')].map((e) => e.getAttribute('figure')),
  );
  assert.deepEqual([...names].sort(), [...FIGURE_NAMES].sort(), 'the post shows every figure once');
  for (const name of names) {
    const selector = `batchnorm-playground[figure="${name}"]`;
    await engine.run((s) => document.querySelector(s).scrollIntoView(), selector);
    await until(engine, `${name} drawing`, (s) => document.querySelector(s).dataset.drawn !== undefined, selector);
    const played = await engine.run((s) => {
      const play = document.querySelector(s).shadowRoot.querySelector('.bnp-toolbar button');
      play?.click();
      return Boolean(play);
    }, selector);
    await until(
      engine,
      `${name} working`,
      ([s, n]) => document.querySelector(s).work > n,
      [selector, played ? 20 : 0],
      60000,
    );
    if (played)
      await engine.run(
        (s) => document.querySelector(s).shadowRoot.querySelector('.bnp-toolbar button').click(),
        selector,
      );
    const seen = await engine.run((s) => {
      const shadow = document.querySelector(s).shadowRoot;
      return {
        canvases: [...shadow.querySelectorAll('canvas')].filter((c) => c.width > 0).length,
        status: shadow.querySelector('.bnp-status')?.textContent ?? '',
      };
    }, selector);
    assert.ok(seen.canvases > 0, `${engine.name}: ${name} draws on a canvas`);
    assert.equal(seen.status, '', `${engine.name}: ${name} reports no error`);
  }
  assert.deepEqual(await problems(engine), [], `${engine.name}: no errors in the post`);
  await engine.screenshot(artifactPath(`engine-${tag}-post.png`));
}
