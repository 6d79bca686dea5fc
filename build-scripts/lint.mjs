#!/usr/bin/env node
// npm run lint: ESLint (mistakes) and Prettier (layout) over the JavaScript, clang-format over the C++ (with
// the repository's .clang-format). Checks only; `npm run format` rewrites. Each tool runs even if an earlier
// one failed; the exit code is non-zero if any failed.
//   node build-scripts/lint.mjs [--fix]
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fix = process.argv.includes('--fix');
const bin = (name) => join(root, 'node_modules/.bin', name);

const cppFiles = spawnSync('git', ['ls-files', '*.cpp', '*.h'], { cwd: root, encoding: 'utf8' })
  .stdout.split('\n')
  .filter(Boolean);

const tools = [
  ['ESLint', bin('eslint'), ['--max-warnings', '0', ...(fix ? ['--fix'] : []), '.']],
  ['Prettier', bin('prettier'), [fix ? '--write' : '--check', '--log-level', 'warn', '.']],
  ['clang-format', 'clang-format', [...(fix ? ['-i'] : ['--dry-run', '--Werror']), ...cppFiles]],
];

const failed = [];
for (const [name, command, argv] of tools) {
  const result = spawnSync(command, argv, { cwd: root, stdio: 'inherit' });
  if (result.error) console.error(`[lint] ${name} could not start: ${result.error.message}`);
  if (result.status !== 0) failed.push(name);
  else console.log(`[lint] ${name}: ${fix ? 'fixed' : 'clean'}`);
}
if (failed.length) {
  console.error(`[lint] failed: ${failed.join(', ')}${fix ? '' : ' (npm run format rewrites the layout)'}`);
  process.exit(1);
}
