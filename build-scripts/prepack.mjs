#!/usr/bin/env node
// npm pack / npm publish run this first (the "prepack" script): builds what the package ships — the wasm core
// (web/lib/generated/bnp_core.*), the MNIST files, the one-file embed script — and puts the embed script at its
// stable path in the package, web/lib/batchnorm-playground.js, beside the folder "generated" where it finds
// the digits. Then it checks that every file package.json's "files" and "exports" promise is there. Its
// messages go to stderr, so that `npm pack --json` prints only JSON.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const step = (script, ...args) => {
  const result = spawnSync(process.execPath, [join(root, script), ...args], { cwd: root, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

step('build-scripts/setup.mjs', '--no-browser', '--no-native');
step('build-scripts/build-web.mjs');
copyFileSync(join(root, 'dist/embed/batchnorm-playground.js'), join(root, 'web/lib/batchnorm-playground.js'));

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const promised = [
  ...Object.values(pkg.exports).flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e))),
  ...pkg.files.filter((f) => !/[*!]/.test(f) && !f.endsWith('/')),
];
const missing = promised.filter((file) => !existsSync(join(root, file)));
if (missing.length) {
  console.error(`[prepack] the package would lack: ${missing.join(', ')}`);
  process.exit(1);
}
console.error('[prepack] built: the API with its wasm, the element, the embed script, the digits');
