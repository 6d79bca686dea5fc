// The package as its users get it: `npm pack` (prepack builds what is missing), then the tarball installed into
// fresh temporary projects, offline (install.mjs), and used there the way docs/embedding.md says — from node,
// from two Vite apps (the element alone, and with the digits), from strict TypeScript, and in a real Jekyll
// blog (Debian's jekyll with the minima theme, the site in tests/consumers/jekyll-site) served with the strict
// CSP and checked in Chromium at 1000 and 360 px.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { artifactPath, launch, openPage, serve } from '../browser/helpers.js';
import { installProject, pack, repo } from './install.mjs';

const here = join(repo, 'tests/consumers');
const shared = { dirs: [] };
before(async () => {
  Object.assign(shared, pack());
  shared.browser = await launch();
});
after(async () => {
  await shared.browser?.close();
  for (const dir of [...shared.dirs, join(shared.tarball, '..')]) rmSync(dir, { recursive: true, force: true });
});

/** Runs a command in `cwd`; returns { status, out } with stdout and stderr together. */
function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

/** The template folder `name` installed with the tarball (once per run: the Jekyll test reuses node-app's). */
const projects = new Map();
function project(name, tools) {
  if (!projects.has(name)) {
    projects.set(name, installProject(join(here, name), shared.tarball, tools));
    shared.dirs.push(projects.get(name));
  }
  return projects.get(name);
}

test('the tarball holds what a user needs and nothing to build it with', () => {
  const { report } = shared;
  const files = report.files.map((f) => f.path);
  console.log(
    `${report.filename}: ${(report.size / 1e6).toFixed(1)} MB packed, ${(report.unpackedSize / 1e6).toFixed(1)} MB unpacked, ${report.entryCount} files`,
  );
  for (const needed of [
    'package.json',
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
    'web/lib/lab.js',
    'web/lib/lab-core.js',
    'web/lib/lab.d.ts',
    'web/lib/generated/bnp_core.mjs',
    'web/lib/generated/bnp_core.wasm',
    'web/lib/generated/mnist.bin',
    'web/lib/generated/mnist-full.bin.gz',
    'web/lib/batchnorm-playground.js',
    'web/element/index.js',
    'web/element/mnist-digits.js',
    'web/element/mnist-digits.d.ts',
    'docs/embedding.md',
    'docs/compare-figure.png',
    'web/element/index.d.ts',
    'web/worker/training-worker.js',
  ])
    assert.ok(files.includes(needed), `the package has ${needed}`);
  const extra = files.filter((f) =>
    /^(cpp|tests|bench|build-scripts|dist|\.ci)\/|^web\/(app|index\.html|story\.html|vite)|CMakeLists|embed\.js$|inline-worker/.test(
      f,
    ),
  );
  assert.deepEqual(extra, [], 'no sources to build with, no tests, no page');
  const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  assert.equal(manifest.license, 'MIT');
  assert.match(readFileSync(join(repo, 'LICENSE'), 'utf8'), /^MIT License/);
  assert.match(
    readFileSync(join(repo, 'CHANGELOG.md'), 'utf8'),
    new RegExp(`## ${manifest.version.replace(/\./g, '\\.')} `),
  );
});

test('node: import the package by name, train a network, the loss falls', () => {
  const dir = project('node-app');
  const { status, out } = run(process.execPath, ['train.mjs'], dir);
  assert.equal(status, 0, out);
  const result = JSON.parse(out.trim().split('\n').at(-1));
  console.log(`node consumer: ${JSON.stringify(result)}`);
  assert.equal(result.version, JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version);
  // Outputs near 0.5 at the start: the binary cross-entropy is about ln 2 = 0.693 before the first step.
  assert.ok(Math.abs(result.first - Math.LN2) < 0.05, `loss before training ≈ ln 2: ${result.first}`);
  assert.ok(result.last < 0.3, `loss after 300 steps: ${result.last}`);
  assert.ok(result.accuracy > 0.9, `accuracy on the circle: ${result.accuracy}`);
});

test('TypeScript: correct use compiles under --strict against the shipped types, wrong use does not', () => {
  const dir = project('ts-app', ['typescript']);
  const tsc = (file) =>
    run(
      process.execPath,
      [
        join(dir, 'node_modules/typescript/bin/tsc'),
        '--noEmit',
        '--strict',
        '--target',
        'es2022',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--lib',
        'es2022,dom',
        file,
      ],
      dir,
    );
  const good = tsc('good.ts');
  assert.equal(good.status, 0, `good.ts compiles:\n${good.out}`);
  const bad = tsc('bad.ts');
  assert.notEqual(bad.status, 0, 'bad.ts must not compile');
  // Each line marked "wrong" has its own error; no error elsewhere.
  const source = readFileSync(join(dir, 'bad.ts'), 'utf8').split('\n');
  const wrong = source.flatMap((line, i) => (/\/\/ wrong:/.test(line) ? [i + 1] : []));
  const errorLines = [...bad.out.matchAll(/^bad\.ts\((\d+),\d+\): error/gm)].map((m) => Number(m[1]));
  assert.deepEqual([...new Set(errorLines)], wrong, bad.out);
  console.log(`tsc: good.ts clean; bad.ts ${errorLines.length} errors on its ${wrong.length} wrong lines`);
});

/** Builds one of vite-app's two apps (a folder with index.html and main.js); returns its dist folder's files. */
function viteBuild(dir, app) {
  const out = join(dir, `dist-${app}`);
  const build = run(
    process.execPath,
    [join(dir, 'node_modules/vite/bin/vite.js'), 'build', app, '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'],
    dir,
  );
  assert.equal(build.status, 0, build.out);
  return { out, files: readdirSync(out, { recursive: true }).map(String) };
}

test('a Vite app that imports only batchnorm-playground/element builds without the digits and trains', async () => {
  const dir = project('vite-app', ['vite']);
  const { out, files } = viteBuild(dir, 'without-digits');
  assert.deepEqual(
    files.filter((f) => /mnist/.test(f)),
    [],
    'no digit file in the build of an app that does not import them',
  );
  assert.ok(
    files.some((f) => f.endsWith('.wasm')),
    `the core is in the build: ${files.join(', ')}`,
  );
  const server = await serve(out);
  try {
    const page = await openPage(shared.browser, server.url, { width: 1000, height: 2400 });
    await page.waitForFunction(() => document.querySelector('batchnorm-playground[figure="compare"]').work > 30);
    // Its mnist figure says what to import instead of fetching an address that is not there.
    const mnist = 'batchnorm-playground[figure="mnist"]';
    await page.$eval(mnist, (e) => e.scrollIntoView());
    await page.waitForFunction(
      (s) => document.querySelector(s).shadowRoot.querySelector('.bnp-status')?.textContent.includes('mnist-digits'),
      mnist,
    );
    const said = await page.$eval(mnist, (e) => e.shadowRoot.querySelector('.bnp-status').textContent);
    assert.match(said, /add import 'batchnorm-playground\/mnist-digits'/);
    assert.deepEqual(page.problems, []);
    await page.screenshot({ path: artifactPath('consumer-vite.png') });
    await page.close();
  } finally {
    await server.close();
  }
});

test('a Vite app that also imports batchnorm-playground/mnist-digits gets the digits and trains the mnist figure', async () => {
  const dir = project('vite-app', ['vite']);
  const { out, files } = viteBuild(dir, 'with-digits');
  assert.equal(files.filter((f) => /mnist.*\.bin/.test(f)).length, 2, `both digit files: ${files.join(', ')}`);
  const server = await serve(out);
  try {
    const page = await openPage(shared.browser, server.url, { width: 1000, height: 1600 });
    const mnist = 'batchnorm-playground[figure="mnist"]';
    await page.waitForFunction((s) => document.querySelector(s).dataset.drawn !== undefined, mnist);
    await page.click(`${mnist} .bnp-toolbar button`);
    await page.waitForFunction((s) => document.querySelector(s).work > 0, mnist, { timeout: 60000 });
    assert.deepEqual(page.problems, []);
    await page.screenshot({ path: artifactPath('consumer-vite-mnist.png') });
    await page.close();
  } finally {
    await server.close();
  }
});

test('a Jekyll blog with the include of docs/embedding.md: every figure draws, no console errors, at 1000 and 360 px', async () => {
  const installed = join(project('node-app'), 'node_modules/batchnorm-playground/web/lib');
  const site = mkdtempSync(join(tmpdir(), 'bnp-jekyll-'));
  shared.dirs.push(site);
  cpSync(join(here, 'jekyll-site'), site, { recursive: true });
  // As docs/embedding.md says: the package's script, and its digits in generated/ beside it.
  const assets = join(site, 'assets/batchnorm-playground');
  mkdirSync(join(assets, 'generated'), { recursive: true });
  cpSync(join(installed, 'batchnorm-playground.js'), join(assets, 'batchnorm-playground.js'));
  for (const file of ['mnist.bin', 'mnist-full.bin.gz'])
    cpSync(join(installed, 'generated', file), join(assets, 'generated', file));
  const build = run('jekyll', ['build', '--source', site, '--destination', join(site, '_site')], site);
  assert.equal(build.status, 0, build.out);
  const server = await serve(join(site, '_site'));
  try {
    const home = await openPage(shared.browser, server.url);
    const post = await home.getAttribute('a.post-link', 'href');
    assert.ok(post, 'the minima home page lists the post');
    await home.close();
    for (const width of [1000, 360]) {
      const page = await openPage(shared.browser, new URL(post, server.url).href, { width, height: 800 });
      assert.match(await page.textContent('h1.post-title'), /Post: Batch normalization/);
      const names = await page.$$eval('batchnorm-playground', (els) => els.map((e) => e.getAttribute('figure')));
      assert.deepEqual(names, ['compare', 'anatomy', 'lr-sweep', 'mnist']);
      for (const name of names) {
        const selector = `batchnorm-playground[figure="${name}"]`;
        await page.$eval(selector, (e) => e.scrollIntoView());
        await page.waitForFunction((s) => document.querySelector(s).dataset.drawn !== undefined, selector);
        const play = await page.$(`${selector} .bnp-toolbar button`);
        if (play) await play.click();
        await page.waitForFunction((s) => document.querySelector(s).work > 0, selector, { timeout: 60000 });
        if (play) await play.click();
        assert.equal(
          await page.$eval(selector, (e) => e.shadowRoot.querySelector('.bnp-status')?.textContent ?? ''),
          '',
          `${name} reports no error`,
        );
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `nothing wider than the ${width} px window: ${overflow} px over`);
      assert.deepEqual(page.problems, []);
      await page.screenshot({ path: artifactPath(`consumer-jekyll-${width}.png`), fullPage: true });
      await page.close();
    }
  } finally {
    await server.close();
  }
});
