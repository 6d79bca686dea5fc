#!/usr/bin/env node
// Measures the built page (dist/) in headless Chromium against the project's targets:
//   - cold load from a local server to the first chart frame (target under 1 s)
//   - JS + wasm shipped, gzipped (target under 300 KB)
//   - main-thread tasks over 50 ms during 10 s of training (target none)
//   - training steps per second reached in the browser (the page's default pair: 2-8-8-1 tanh, plain and BN)
//   node bench/page.mjs [--json out.json]
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { launch, root, serve } from '../tests/browser/helpers.js';

const dist = join(root, 'dist');
const files = (dir) =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
// What the page loads: dist/assets (dist/embed is the separate one-file bundle for blogs).
const shipped = files(join(dist, 'assets')).filter((f) => /\.(js|mjs|wasm)$/.test(f));
const gzipped = Object.fromEntries(
  shipped.map((f) => [f.slice(dist.length + 1), gzipSync(readFileSync(f), { level: 9 }).length]),
);
const totalGzip = Object.values(gzipped).reduce((a, b) => a + b, 0);

const server = await serve(dist);
const browser = await launch();
const results = { gzipped, totalGzipBytes: totalGzip };
try {
  // Cold load: a fresh context (empty cache) per run; the median of five.
  const loads = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => window.bnpFirstFrame !== undefined, null, { timeout: 10000 });
    loads.push(await page.evaluate(() => window.bnpFirstFrame));
    await context.close();
  }
  loads.sort((a, b) => a - b);
  results.coldLoadMs = loads[2];
  results.coldLoadsMs = loads;

  // Long tasks and steps/s during 10 s of training at full speed.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.bnpLongTasks = [];
    new PerformanceObserver((list) =>
      window.bnpLongTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration }))),
    ).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${server.url}#speed=1000`);
  await page.waitForFunction(() => window.bnpFirstFrame !== undefined);
  const playAt = await page.evaluate(() => performance.now());
  await page.click('#play');
  const stepOf = () => page.evaluate(() => Number(document.querySelector('#step').textContent.replace(/,/g, '')));
  await page.waitForTimeout(1000);
  const [s0, t0] = [await stepOf(), Date.now()];
  await page.waitForTimeout(9000);
  const [s1, t1] = [await stepOf(), Date.now()];
  results.browserStepsPerSecond = ((s1 - s0) * 1000) / (t1 - t0);
  const tasks = await page.evaluate((from) => window.bnpLongTasks.filter((t) => t.start >= from), playAt);
  results.longTasksOver50ms = tasks.length;
  results.longestTaskMs = Math.max(0, ...tasks.map((t) => t.duration));
  await context.close();
} finally {
  await browser.close();
  await server.close();
}

const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
console.log('\nThe page (dist/) in headless Chromium:\n');
console.log(`| measure | value | target |\n| --- | ---: | --- |`);
console.log(`| cold load to first chart frame (median of 5) | ${results.coldLoadMs.toFixed(0)} ms | < 1000 ms |`);
console.log(`| JS + wasm, gzipped | ${kb(totalGzip)} | < 300 KB |`);
console.log(
  `| main-thread tasks > 50 ms in 10 s of training | ${results.longTasksOver50ms} (longest ${results.longestTaskMs.toFixed(0)} ms) | none |`,
);
console.log(
  `| training steps/s in the browser (two 2-8-8-1 networks in lockstep, batch 32, 1000 steps per frame) | ${results.browserStepsPerSecond.toFixed(0)} | — |`,
);
const out = process.argv.includes('--json') ? process.argv[process.argv.indexOf('--json') + 1] : null;
if (out) writeFileSync(out, JSON.stringify(results, null, 2));
