#!/usr/bin/env node
// Gets a machine from nothing to a built project: checks the toolchain (installing what is missing with
// apt-get when run as root, or printing the exact command otherwise), installs npm packages, then builds the
// native core (tests, benchmarks) and the wasm core (page, node API). Each step is skipped when already done,
// so a second run costs a few seconds.
//   node build-scripts/setup.mjs [--no-browser] [--no-native] [--tests]
// --tests adds what only npm test needs (clang-format, Jekyll and its minima theme).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const log = (message) => console.log(`[setup] ${message}`);

// What the project needs from Debian, and how to tell it is there.
const requirements = [
  { what: 'a C++ compiler', pkg: 'g++', present: () => onPath('g++') },
  { what: 'make', pkg: 'make', present: () => onPath('make') },
  { what: 'CMake', pkg: 'cmake', present: () => onPath('cmake') },
  { what: 'Eigen 3', pkg: 'libeigen3-dev', present: () => existsSync('/usr/include/eigen3/Eigen/Core') },
  { what: 'GoogleTest', pkg: 'libgtest-dev', present: () => existsSync('/usr/include/gtest/gtest.h'), native: true },
  { what: 'Emscripten', pkg: 'emscripten', present: () => onPath('emcc') && existsSync('/usr/share/nodejs/acorn') },
  { what: 'Chromium (browser tests)', pkg: 'chromium', present: () => existsSync('/usr/bin/chromium'), browser: true },
  // The other two engines of the browser tests: Firefox ESR, and WebKitGTK (its WebDriver brings the MiniBrowser),
  // which needs a display: Xvfb.
  {
    what: 'Firefox ESR (browser tests)',
    pkg: 'firefox-esr',
    present: () => existsSync('/usr/bin/firefox-esr'),
    browser: true,
  },
  {
    what: 'WebKitGTK and its WebDriver (browser tests)',
    pkg: 'webkit2gtk-driver',
    present: () => existsSync('/usr/bin/WebKitWebDriver'),
    browser: true,
  },
  { what: 'Xvfb (WebKit tests)', pkg: 'xvfb', present: () => onPath('Xvfb'), browser: true },
  // Only for npm test (--tests): the C++ formatter of npm run lint, and Jekyll for the blog the package is tried in.
  { what: 'clang-format (lint)', pkg: 'clang-format', present: () => onPath('clang-format'), tests: true },
  { what: 'Jekyll (blog test)', pkg: 'jekyll', present: () => onPath('jekyll'), tests: true },
  {
    what: 'the minima theme (blog test)',
    pkg: 'jekyll-theme-minima',
    present: () => debianGem('minima'),
    tests: true,
  },
];

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

// Debian installs a gem's files under rubygems-integration (minima-2.5.1/, say).
function debianGem(name) {
  const dir = '/usr/share/rubygems-integration/all/gems';
  return existsSync(dir) && readdirSync(dir).some((entry) => entry.startsWith(`${name}-`));
}

function run(command, argv, options = {}) {
  const result = spawnSync(command, argv, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw new Error(`${command} could not start: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${argv.join(' ')} failed with exit code ${result.status}`);
}

function ensureToolchain() {
  const missing = requirements.filter(
    (r) =>
      !(r.browser && args.has('--no-browser')) &&
      !(r.native && args.has('--no-native')) &&
      !(r.tests && !args.has('--tests')) &&
      !r.present(),
  );
  if (missing.length === 0) return;
  const pkgs = missing.map((r) => r.pkg);
  const command = `apt-get update && apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
  log(`missing: ${missing.map((r) => r.what).join(', ')}`);
  if (process.getuid?.() !== 0) {
    console.error(`[setup] run this as root, then run the npm command again:\n  sudo sh -c '${command}'`);
    process.exit(1);
  }
  log(`installing with apt-get: ${pkgs.join(' ')} (a few minutes the first time)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { env });
  const still = missing.filter((r) => !r.present());
  if (still.length) throw new Error(`still missing after apt-get: ${still.map((r) => r.what).join(', ')}`);
}

function ensureNodeModules() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing npm packages (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

function cmakeBuild(name, configure, env) {
  const dir = join(root, 'build', name);
  if (!existsSync(join(dir, 'CMakeCache.txt'))) {
    log(`configuring the ${name} build`);
    run(configure[0], [...configure.slice(1), '-S', '.', '-B', dir, '-DCMAKE_BUILD_TYPE=Release'], { env });
  }
  log(`building ${name}`);
  run('cmake', ['--build', dir, '-j', '2'], { env });
}

try {
  ensureToolchain();
  ensureNodeModules();
  // Debian's Emscripten needs Node to find Debian's acorn (docs/toolchain.md).
  const emEnv = { ...process.env, NODE_PATH: '/usr/share/nodejs' };
  if (!args.has('--no-native')) cmakeBuild('native', ['cmake']);
  cmakeBuild('wasm', ['emcmake', 'cmake'], emEnv);
  run(process.execPath, [join(root, 'build-scripts/make-mnist.mjs')]);
  log('ready');
} catch (error) {
  console.error(`[setup] ${error.message}`);
  process.exit(1);
}
