#!/usr/bin/env node
// The full MNIST figure — two networks × 50,000 steps, batch 60 — in headless Chromium on this machine:
// time from Play to the last step (target ≤ 60 s), and the page's responsiveness meanwhile (main-thread
// tasks over 50 ms; target none). With --screenshot FILE it also saves the finished figure (README image).
//   node bench/mnist.mjs [--screenshot docs/mnist-figure1.png]   (after npm run build)
import { launch, serve } from '../tests/browser/helpers.js';

const shotAt = process.argv.includes('--screenshot') ? process.argv[process.argv.indexOf('--screenshot') + 1] : null;
const server = await serve();
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.addInitScript(() => {
    window.bnpLongTasks = [];
    new PerformanceObserver((list) => window.bnpLongTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration })))).observe({ type: 'longtask' });
  });
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${server.url}story.html`);
  const selector = 'batchnorm-playground[figure="mnist"]';
  await page.$eval(selector, (e) => e.scrollIntoView());
  await page.waitForFunction((s) => document.querySelector(s).dataset.drawn !== undefined, selector, { timeout: 30000 });
  const started = Date.now();
  const from = await page.evaluate(() => performance.now());
  await page.click(`${selector} .bnp-toolbar button`);
  const progress = setInterval(async () => {
    const work = await page.$eval(selector, (e) => e.work).catch(() => 0);
    process.stderr.write(`\r[mnist] ${work.toLocaleString('en')} of 100,000 steps, ${((Date.now() - started) / 1000).toFixed(0)} s   `);
  }, 2000);
  await page.waitForFunction((s) => document.querySelector(s).work >= 100000, selector, { timeout: 180000, polling: 50 });
  const seconds = (Date.now() - started) / 1000;
  clearInterval(progress);
  process.stderr.write('\n');
  const tasks = await page.evaluate((t0) => window.bnpLongTasks.filter((t) => t.start >= t0), from);
  const text = await page.$eval(selector, (e) => e.shadowRoot.querySelector('.bnp-progress').textContent);
  if (shotAt) await page.$eval(selector, (e) => e.scrollIntoView()).then(() => page.locator(selector).screenshot({ path: shotAt }));
  console.log('\nThe mnist figure in headless Chromium (2 × 50,000 steps, batch 60, one worker per network):\n');
  console.log('| measure | value | target |\n| --- | ---: | --- |');
  console.log(`| time from Play to step 50,000 of both networks | ${seconds.toFixed(1)} s | ≤ 60 s |`);
  console.log(`| main-thread tasks > 50 ms meanwhile | ${tasks.length}${tasks.length ? ` (longest ${Math.max(...tasks.map((t) => t.duration)).toFixed(0)} ms)` : ''} | none |`);
  console.log(`| steps/s per network (${text.replace(/\s+/g, ' ').trim()}) | ${(50000 / seconds).toFixed(0)} | ≥ 833 |`);
  if (problems.length) console.log(`page errors: ${problems.join('; ')}`);
} finally {
  await browser.close();
  await server.close();
}
