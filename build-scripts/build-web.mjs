#!/usr/bin/env node
// The static site: dist/ (the playground and the example post) and then dist/embed/ (the one-file bundle
// for blogs). In this order: the first build empties dist/.
import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vite = join(root, 'node_modules/vite/bin/vite.js');
for (const config of ['web/vite.config.js', 'web/vite.embed.config.js']) {
  const result = spawnSync(process.execPath, [vite, 'build', '--config', config, '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
// The MNIST digits beside the embed script, in the folder "generated" where it looks for them: the sample (at
// once) and full MNIST (when a reader switches to it). The page's build copies them itself (element/mnist-digits.js).
for (const file of ['mnist.bin', 'mnist-full.bin.gz'])
  cpSync(join(root, 'web/lib/generated', file), join(root, 'dist/embed/generated', file));
console.log(
  '[build] dist/ (index.html, story.html with their assets), dist/embed/batchnorm-playground.js and its digits',
);
