#!/usr/bin/env node
// Runs every suite after setup: lint, native (ctest), node (node --test tests/node), browser (tests/browser in
// Chromium, tests/engines in Firefox ESR and WebKitGTK), package consumers (tests/consumers). Each suite runs
// even if an earlier one failed; the exit code is non-zero if any failed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const testFiles = (dir) =>
  existsSync(join(root, dir))
    ? readdirSync(join(root, dir))
        .filter((f) => f.endsWith('.test.js'))
        .map((f) => join(dir, f))
    : [];

const suites = [
  ['lint (ESLint, Prettier, clang-format)', process.execPath, [join(root, 'build-scripts/lint.mjs')]],
  ['native tests (ctest)', 'ctest', ['--test-dir', 'build/native', '--output-on-failure', '-j', '2']],
  ['node tests', process.execPath, ['--test', ...testFiles('tests/node')]],
];
const browser = testFiles('tests/browser');
if (browser.length) {
  // The browser tests run against the static build, as a reader's server would serve it.
  suites.push(['static build for the browser tests', process.execPath, [join(root, 'build-scripts/build-web.mjs')]]);
  suites.push(['browser tests', process.execPath, ['--test', '--test-concurrency=1', ...browser]]);
  suites.push([
    'browser tests in Firefox ESR and WebKitGTK',
    process.execPath,
    ['--test', '--test-concurrency=1', ...testFiles('tests/engines')],
  ]);
}
// The packed tarball installed offline into fresh projects: node, a Vite app, strict TypeScript, a Jekyll blog.
suites.push([
  'package consumers (npm pack, node, Vite, TypeScript, Jekyll)',
  process.execPath,
  ['--test', ...testFiles('tests/consumers')],
]);

const failed = [];
for (const [name, command, argv] of suites) {
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(command, argv, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed.push(name);
}
console.log(failed.length ? `\nFAILED suites: ${failed.join(', ')}` : '\nall suites passed');
process.exit(failed.length ? 1 : 0);
