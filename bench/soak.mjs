#!/usr/bin/env node
// Soak: the playground page trains at its fastest setting (1,000 steps a frame) for a long time in headless
// Chromium, and every minute (settable) we sample what must stay flat: the page's JS heap, the worker's JS heap,
// the WebAssembly memory and the core's heap in use, and the frame times since the last sample (median, 95th
// percentile, longest, tasks over 50 ms). Not part of npm test: it takes 30 minutes by default.
//   node bench/soak.mjs [--minutes 30] [--every 60] [--json out.json]
import { writeFileSync } from 'node:fs';

import { launch, serve } from '../tests/browser/helpers.js';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const minutes = Number(arg('minutes', 30)),
  every = Number(arg('every', 60)),
  json = arg('json', null);

const server = await serve();
const browser = await launch(['--enable-precise-memory-info']); // else performance.memory is coarse and cached
const samples = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(() => {
    window.bnpFrames = [];
    window.bnpLongTasks = 0;
    let last = performance.now();
    const tick = (now) => {
      window.bnpFrames.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    new PerformanceObserver((list) => (window.bnpLongTasks += list.getEntries().length)).observe({ type: 'longtask' });
  });
  await page.goto(`${server.url}#speed=1000`);
  await page.waitForFunction(() => window.bnpFirstFrame !== undefined);
  await page.click('#play');
  const worker = () => page.workers()[0];
  const started = Date.now();
  const quantile = (sorted, q) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : null;
  for (let k = 1; k * every <= minutes * 60; k++) {
    await page.waitForTimeout(started + k * every * 1000 - Date.now());
    const frames = await page.evaluate(() => {
      const taken = window.bnpFrames.splice(0).sort((a, b) => a - b);
      const longTasks = window.bnpLongTasks;
      window.bnpLongTasks = 0;
      return {
        taken,
        longTasks,
        pageHeap: performance.memory?.usedJSHeapSize ?? null,
        step: Number(document.querySelector('#step').textContent.replace(/,/g, '')),
      };
    });
    const memory = await worker().evaluate(() => ({
      ...globalThis.bnpMemory(),
      workerHeap: performance.memory?.usedJSHeapSize ?? null,
    }));
    const sample = {
      minute: (k * every) / 60,
      step: frames.step,
      pageHeapMB: frames.pageHeap / 2 ** 20,
      workerHeapMB: memory.workerHeap / 2 ** 20,
      wasmMB: memory.wasmBytes / 2 ** 20,
      coreHeapBytes: memory.heapBytes,
      frames: frames.taken.length,
      frameMedianMs: quantile(frames.taken, 0.5),
      frameP95Ms: quantile(frames.taken, 0.95),
      frameMaxMs: frames.taken.at(-1) ?? null,
      longTasks: frames.longTasks,
    };
    samples.push(sample);
    console.log(
      JSON.stringify(sample, (key, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(2)) : v)),
    );
  }
  const [first, lastSample] = [samples[0], samples.at(-1)];
  const summary = {
    minutes,
    steps: lastSample.step,
    pageHeapMB: [first.pageHeapMB, lastSample.pageHeapMB, Math.max(...samples.map((s) => s.pageHeapMB))],
    workerHeapMB: [first.workerHeapMB, lastSample.workerHeapMB, Math.max(...samples.map((s) => s.workerHeapMB))],
    wasmMB: [first.wasmMB, lastSample.wasmMB],
    coreHeapBytes: [first.coreHeapBytes, lastSample.coreHeapBytes],
    frameP95Ms: [Math.min(...samples.map((s) => s.frameP95Ms)), Math.max(...samples.map((s) => s.frameP95Ms))],
    longTasks: samples.reduce((a, s) => a + s.longTasks, 0),
  };
  console.log('summary (first, last, largest):', JSON.stringify(summary));
  if (json) writeFileSync(json, JSON.stringify({ samples, summary }, null, 2) + '\n');
} finally {
  await browser.close();
  await server.close();
}
