#!/usr/bin/env node
// The full MNIST figure — two networks × 50,000 steps, batch 60 — in headless Chromium on this machine:
// time from Play to the last step (target ≤ 30 s), and the page's responsiveness meanwhile (main-thread
// tasks over 50 ms; target none), over several runs, each on a freshly loaded page; then where the median
// run's time went inside each network's worker (training steps, test-set evaluations, the rest). With --data full the
// figure first downloads full MNIST (its switch); the download is not timed. With --screenshot FILE it also
// saves the last finished figure (docs/mnist-figure1.png).
//   node bench/mnist.mjs [--data small|full] [--runs 3] [--screenshot docs/mnist-figure1.png]   (after npm run build)
import { launch, serve } from '../tests/browser/helpers.js';

const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const shotAt = option('--screenshot', null),
  data = option('--data', 'small'),
  runs = Number(option('--runs', '3'));
if (!['small', 'full'].includes(data) || !(runs >= 1)) {
  console.error('usage: node bench/mnist.mjs [--data small|full] [--runs N] [--screenshot FILE]');
  process.exit(2);
}
const server = await serve();
const browser = await launch();
const selector = 'batchnorm-playground[figure="mnist"]';
const results = [];
try {
  for (let r = 1; r <= runs; r++) {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.addInitScript(() => {
      window.bnpLongTasks = [];
      new PerformanceObserver((list) =>
        window.bnpLongTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration }))),
      ).observe({ type: 'longtask' });
    });
    const problems = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${server.url}story.html`);
    await page.$eval(selector, (e) => e.scrollIntoView());
    await page.waitForFunction((s) => document.querySelector(s).dataset.drawn !== undefined, selector, {
      timeout: 30000,
    });
    if (data === 'full') {
      await page.locator(`${selector} .bnp-data input`).check();
      await page.waitForFunction(
        (s) => /^all of MNIST/.test(document.querySelector(s).shadowRoot.querySelector('.bnp-data-text').textContent),
        selector,
        { timeout: 60000 },
      );
    }
    const started = Date.now();
    const from = await page.evaluate(() => performance.now());
    await page.click(`${selector} .bnp-toolbar button`);
    const progress = setInterval(async () => {
      const work = await page.$eval(selector, (e) => e.work).catch(() => 0);
      process.stderr.write(
        `\r[mnist] run ${r} of ${runs}: ${work.toLocaleString('en')} of 100,000 steps, ${((Date.now() - started) / 1000).toFixed(0)} s   `,
      );
    }, 2000);
    await page.waitForFunction((s) => document.querySelector(s).work >= 100000, selector, {
      timeout: 300000,
      polling: 50,
    });
    const seconds = (Date.now() - started) / 1000;
    clearInterval(progress);
    const tasks = await page.evaluate((t0) => window.bnpLongTasks.filter((t) => t.start >= t0), from);
    const timing = [];
    for (const worker of page.workers())
      timing.push(...((await worker.evaluate(() => globalThis.bnpTiming?.())) ?? []));
    const accuracy = await page.$eval(selector, (e) =>
      Object.fromEntries(Object.entries(e.readings().histories).map(([id, h]) => [id, h.columns.accuracy?.at(-1)])),
    );
    results.push({ seconds, tasks, accuracy, problems, timing });
    if (shotAt && r === runs) await page.locator(selector).screenshot({ path: shotAt });
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
process.stderr.write('\n');
const sorted = results.map((r) => r.seconds).sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
const tasks = results.flatMap((r) => r.tasks);
console.log(
  `\nThe mnist figure in headless Chromium (${data} data; 2 × 50,000 steps, batch 60, one worker per network), ${runs} runs:\n`,
);
console.log('| measure | value | target |\n| --- | ---: | --- |');
console.log(
  `| time from Play to step 50,000 of both networks | median ${median.toFixed(1)} s (runs: ${results.map((r) => r.seconds.toFixed(1)).join(', ')}) | ≤ 30 s |`,
);
console.log(
  `| main-thread tasks > 50 ms meanwhile | ${tasks.length}${tasks.length ? ` (longest ${Math.max(...tasks.map((t) => t.duration)).toFixed(0)} ms)` : ''} | none |`,
);
console.log(`| steps/s per network (median run) | ${(50000 / median).toFixed(0)} | ≥ 1,667 |`);
console.log(
  `| final test accuracy, plain / batch norm | ${results.map((r) => `${(100 * r.accuracy.plain).toFixed(1)}% / ${(100 * r.accuracy.batchNorm).toFixed(1)}%`).join('; ')} | |`,
);
// Where the time went, inside the page's workers (their bnpTiming()), in the median run: a training step (the
// trainStep call and the drawing of its batch), the test-set evaluations at checkpoints, and the rest.
const middle = results.find((r) => r.seconds === median);
console.log(`\nWhere the time went in the median run, inside each network's worker:\n`);
console.log('| network | a training step | test-set evaluations | in train() | outside train() |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const t of middle.timing) {
  const stepUs = ((t.trainMs - t.checkpointMs) / t.steps) * 1000;
  console.log(
    `| ${t.batchNorm === 'none' ? 'without' : 'with'} batch norm | ${stepUs.toFixed(0)} µs (${((stepUs * t.steps) / 1e6).toFixed(1)} s) | ` +
      `${t.checkpoints} × ${(t.checkpointMs / t.checkpoints).toFixed(1)} ms (${(t.checkpointMs / 1000).toFixed(1)} s) | ` +
      `${(t.trainMs / 1000).toFixed(1)} s | ${(middle.seconds - t.trainMs / 1000).toFixed(1)} s |`,
  );
}
console.log(
  '\n(outside train(): unpacking and staging the digits at the start, messages and waits between frames, and for ' +
    'the network that finishes first its wait for the other)',
);
const problems = results.flatMap((r) => r.problems);
if (problems.length) console.log(`page errors: ${problems.join('; ')}`);
