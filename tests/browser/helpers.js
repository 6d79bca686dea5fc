// Shared by the browser tests: a static server for dist/ on 127.0.0.1, and Debian's Chromium driven by
// playwright-core with the flags this machine needs (no sandbox as root, no background networking).
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const artifacts = join(root, 'test-artifacts');

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
  '.bin': 'application/octet-stream',
  '.gz': 'application/gzip',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
};

/**
 * The strict Content-Security-Policy the figures must work under: WebAssembly allowed, eval not (the issue's
 * script-src and worker-src), and everything else limited to the page's own origin too: no inline styles,
 * no data: fetches (only images may be data:, for the test pages' empty icons).
 */
const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; img-src 'self' data: blob:";

/**
 * Serves `dir` (default dist/) on a free port, with the strict CSP on every response (everything the project
 * serves must work under it); resolves to { url, close }. With `probe` (a script file), every HTML page loads
 * that script first, as /__probe.js — from the page's own origin, so the policy allows it (the other engines'
 * tests use it to record errors from the very start, where their drivers cannot).
 */
export function serve(dir = join(root, 'dist'), { requireIndex = true, probe } = {}) {
  if (requireIndex && !existsSync(join(dir, 'index.html')))
    throw new Error(`${dir} has no index.html: run npm run build first`);
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname)).replace(/^([/\\])+/, '');
    if (probe && path === '__probe.js') {
      response.writeHead(200, { 'content-type': TYPES['.js'], 'content-security-policy': STRICT_CSP });
      return response.end(readFileSync(probe));
    }
    let file = join(dir, path);
    if (!file.startsWith(dir)) return response.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return response.writeHead(404).end('not found');
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': STRICT_CSP,
    });
    if (probe && extname(file) === '.html') {
      const html = readFileSync(file, 'utf8');
      const at = html.search(/<script|<\/head>/i);
      const tag = '<script src="/__probe.js"></script>';
      return response.end(at < 0 ? tag + html : html.slice(0, at) + tag + html.slice(at));
    }
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${server.address().port}/`,
        close: () => new Promise((done) => server.close(done)),
      }),
    ),
  );
}

/**
 * Run in a page (its source is sent to the browser): asks a blob: worker, as the embed script starts its own,
 * to build code from a string, and resolves to 'EvalError' where the strict policy refuses it ('allowed' if not).
 * In a worker because the test drivers' own evaluation is exempt from the policy.
 */
export const evalInWorker = () =>
  new Promise((resolve) => {
    const code = `try { new Function('return 1'); postMessage('allowed'); } catch (e) { postMessage(e.name); }`;
    const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
    worker.onmessage = (event) => {
      resolve(event.data);
      worker.terminate();
    };
  });

/** Debian's Chromium; `extra` flags are added (the soak benchmark asks for exact memory figures). */
export async function launch(extra = []) {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extra,
    ],
  });
}

/**
 * A new page that records console errors, page errors, failed requests (with their address) and
 * Content-Security-Policy violations (in the page and in its workers) in page.problems.
 */
export async function openPage(browser, url, viewport = { width: 1300, height: 1000 }) {
  const page = await browser.newPage({ viewport });
  page.problems = [];
  page.on('console', (m) => m.type() === 'error' && page.problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  // The console's "Failed to load resource" does not say which; this does.
  page.on('response', (r) => r.status() >= 400 && page.problems.push(`HTTP ${r.status()}: ${r.url()}`));
  page.on('worker', (worker) =>
    worker.on('console', (m) => m.type() === 'error' && page.problems.push(`worker console: ${m.text()}`)),
  );
  await page.exposeFunction('bnpViolation', (text) => page.problems.push(`CSP violation: ${text}`));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      window.bnpViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline code'} (${e.sourceFile}:${e.lineNumber})`,
      ),
    ),
  );
  await page.goto(url);
  return page;
}

export function artifactPath(name) {
  mkdirSync(artifacts, { recursive: true });
  return join(artifacts, name);
}

/**
 * Starts the dist/ server and the browser before a file's tests and stops both after; fills `shared`.
 */
export function withServerAndBrowser(before, after) {
  const shared = {};
  before(async () => {
    shared.server = await serve();
    shared.browser = await launch();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
}

/**
 * Layout shifts while a reader scrolls `url` from top to bottom at `viewport` (steps of 60% of the viewport,
 * 250 ms apart, then 1 s at the bottom): { total, largest, height }. total is the sum of every shift without
 * recent input — at least the cumulative layout shift of Core Web Vitals, which takes the worst window.
 */
export async function scrollShifts(browser, url, viewport) {
  const page = await browser.newPage({ viewport });
  await page.addInitScript(() => {
    window.bnpShifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.hadRecentInput) window.bnpShifts.push(e.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(url);
  await page.waitForLoadState('load');
  await page.waitForTimeout(500);
  for (let guard = 0; guard < 200; guard++) {
    const atBottom = await page.evaluate(
      (step) => {
        window.scrollBy(0, step);
        return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
      },
      Math.round(viewport.height * 0.6),
    );
    await page.waitForTimeout(250);
    if (atBottom) break;
  }
  await page.waitForTimeout(1000);
  const result = await page.evaluate(() => ({
    total: window.bnpShifts.reduce((a, b) => a + b, 0),
    largest: Math.max(0, ...window.bnpShifts),
    height: document.documentElement.scrollHeight,
  }));
  result.problems = page.problems;
  await page.close();
  return result;
}

/**
 * The [meaning, colour] pairs the views of a figure (`selector`, in its shadow root) or of the whole page
 * (no selector) recorded in data-colors as they drew (web/views/colors.js: recordColors).
 */
export function drawnColours(page, selector = null) {
  return page.evaluate((s) => {
    const root = s ? document.querySelector(s).shadowRoot : document;
    return [...root.querySelectorAll('[data-colors]')].flatMap((e) => JSON.parse(e.dataset.colors));
  }, selector);
}

/** Fails when one colour stands for two meanings, or a drawn colour names no meaning, in `pairs`. */
export function assertOneMeaningPerColour(pairs, where) {
  const meanings = new Map();
  for (const [meaning, colour] of pairs) {
    if (meaning === '?') throw new Error(`${where}: ${colour} is drawn without a meaning from colors.js`);
    meanings.set(colour, new Set([...(meanings.get(colour) ?? []), meaning]));
  }
  for (const [colour, set] of meanings)
    if (set.size > 1) throw new Error(`${where}: ${colour} means ${[...set].join(' and ')}`);
}
