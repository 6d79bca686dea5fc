#!/usr/bin/env node
// How many figures can one page hold before it slows? A plain page with N training figures (compare, all on
// screen, autoplay) from the embed bundle, in headless Chromium on this machine: the main thread's frame rate
// and long tasks, and the training steps/s each figure gets, for N = 1, 2, 4, 8, 12.
//   node bench/figures.mjs   (after npm run build)
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { launch, root, serve } from '../tests/browser/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'bnp-figures-'));
cpSync(join(root, 'dist/embed/batchnorm-playground.js'), join(dir, 'batchnorm-playground.js'));
const server = await serve(dir, { requireIndex: false });
const browser = await launch();
const rows = [];
try {
  for (const n of [1, 2, 4, 8, 12]) {
    const figures = Array.from(
      { length: n },
      (_, i) =>
        `<batchnorm-playground figure="compare" seed="${i + 1}" autoplay controls="none" height="120"></batchnorm-playground>`,
    ).join('\n');
    writeFileSync(
      join(dir, `n${n}.html`),
      `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="batchnorm-playground.js"></script><div style="display:grid;grid-template-columns:repeat(4,1fr);gap:4px">${figures}</div>`,
    );
    const page = await browser.newPage({ viewport: { width: 1600, height: 4000 } });
    await page.addInitScript(() => {
      window.bnpLongTasks = [];
      new PerformanceObserver((list) => window.bnpLongTasks.push(...list.getEntries().map((e) => e.duration))).observe({
        type: 'longtask',
      });
    });
    await page.goto(`${server.url}n${n}.html`);
    await page.waitForFunction(
      (count) => [...document.querySelectorAll('batchnorm-playground')].filter((e) => e.work > 0).length === count,
      n,
      { timeout: 30000 },
    );
    const work0 = await page.$$eval('batchnorm-playground', (els) => els.map((e) => e.work));
    const measured = await page.evaluate(
      () =>
        new Promise((resolve) => {
          window.bnpLongTasks.length = 0;
          const frames = [];
          let last = performance.now();
          const start = last;
          const loop = (now) => {
            frames.push(now - last);
            last = now;
            if (now - start < 5000) requestAnimationFrame(loop);
            else resolve({ frames, longTasks: [...window.bnpLongTasks] });
          };
          requestAnimationFrame(loop);
        }),
    );
    const work1 = await page.$$eval('batchnorm-playground', (els) => els.map((e) => e.work));
    const perFigure = work1.map((w, i) => (w - work0[i]) / 5);
    const sorted = [...measured.frames].sort((a, b) => a - b);
    rows.push({
      n,
      fps: measured.frames.length / 5,
      p95FrameMs: sorted[Math.floor(sorted.length * 0.95)],
      longTasks: measured.longTasks.length,
      stepsPerFigure: perFigure.reduce((a, b) => a + b, 0) / n,
      slowestFigure: Math.min(...perFigure),
    });
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log('\nN training figures (compare, autoplay, all on screen) on one page, headless Chromium, 2 cores:\n');
console.log(
  '| figures | main-thread frames/s | 95th percentile frame | tasks > 50 ms in 5 s | steps/s per figure (mean) | slowest figure |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows)
  console.log(
    `| ${r.n} | ${r.fps.toFixed(0)} | ${r.p95FrameMs.toFixed(0)} ms | ${r.longTasks} | ${r.stepsPerFigure.toFixed(0)} | ${r.slowestFigure.toFixed(0)} |`,
  );
