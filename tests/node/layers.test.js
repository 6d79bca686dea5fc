// The web layer's architecture, checked: each folder imports only from the folders below it.
//   lib → state → worker → runtime → views → figures → element | app   (build-scripts may use any of them)
// Imports, re-exports, dynamic imports and `new URL('…', import.meta.url)` references all count.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const LAYERS = ['lib', 'state', 'worker', 'runtime', 'views', 'figures', ['element', 'app']];
const rank = Object.fromEntries(LAYERS.flatMap((layer, i) => [layer].flat().map((name) => [name, i])));

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'generated' || name === 'node_modules') return [];
    return statSync(path).isDirectory() ? files(path) : /\.(js|mjs)$/.test(name) ? [path] : [];
  });
}

/** Where a file sits: its web/ folder ('lib', 'figures', …), 'build-scripts', or null (web/*.config.js). */
function layerOf(path) {
  const parts = relative(root, path).split('/');
  if (parts[0] === 'build-scripts') return 'build-scripts';
  return parts[0] === 'web' && parts.length > 2 ? parts[1] : null;
}

const PATTERNS = [
  /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  /new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g,
];

/** The relative references of one file's text and those among them that do not run downward. */
function check(path, text) {
  const specs = PATTERNS.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[1])).filter((spec) =>
    spec.startsWith('.'),
  );
  const from = layerOf(path);
  const upward = [];
  for (const spec of specs) {
    const to = layerOf(resolve(dirname(path), spec.split('?')[0]));
    if (from === null || from === 'build-scripts' || to === from || to === null) continue;
    if (!(to in rank) || !(from in rank))
      upward.push(`${relative(root, path)} → ${spec}: unknown layer ${to in rank ? from : to}`);
    else if (rank[to] >= rank[from]) upward.push(`${relative(root, path)} (${from}) → ${spec} (${to})`);
  }
  return { count: specs.length, upward };
}

test('every import in web/ and build-scripts/ runs downward', () => {
  const upward = [];
  let count = 0;
  for (const path of [...files(join(root, 'web')), ...files(join(root, 'build-scripts'))]) {
    const result = check(path, readFileSync(path, 'utf8'));
    count += result.count;
    upward.push(...result.upward);
  }
  assert.ok(count > 50, `only ${count} imports found: is the scan still reading the files?`);
  assert.deepEqual(upward, []);
});

test('the check reports upward and sideways imports of every kind', () => {
  const view = join(root, 'web/views/made-up.js');
  for (const text of [
    "import { Figure } from '../figures/figure.js';",
    "export { FIGURES } from '../figures/registry.js';",
    "const m = await import('../element/index.js');",
    "new Worker(new URL('../app/page.js', import.meta.url));",
    "import '../element/figure.css';",
  ])
    assert.equal(check(view, text).upward.length, 1, text);
  assert.equal(
    check(join(root, 'web/element/x.js'), "import '../app/page.js';").upward.length,
    1,
    'element and app are side by side',
  );
  assert.equal(
    check(view, "import { element } from './dom.js'; import { fmt } from '../worker/metrics.js';").upward.length,
    0,
  );
});

// Every name imported from a project file is exported by it (a renamed export otherwise breaks only the one
// script that runs rarely, such as the data conversion at set-up).
function exportsOf(text) {
  const names = new Set();
  for (const m of text.matchAll(/\bexport\s+(?:async\s+)?(?:const|let|function\*?|class)\s+([A-Za-z_$][\w$]*)/g))
    names.add(m[1]);
  for (const m of text.matchAll(/\bexport\s*\{([^}]*)\}/g))
    for (const part of m[1].split(','))
      if (part.trim())
        names.add(
          part
            .trim()
            .split(/\s+as\s+/)
            .at(-1),
        );
  if (/\bexport\s+default\b/.test(text)) names.add('default');
  return names;
}

test('every name imported from a project file is exported there', () => {
  const missing = [];
  const self = fileURLToPath(import.meta.url); // its made-up examples above are not imports
  for (const path of [
    ...files(join(root, 'web')),
    ...files(join(root, 'build-scripts')),
    ...files(join(root, 'bench')),
    ...files(join(root, 'tests')),
  ]) {
    if (path === self) continue;
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(/\bimport\s*\{([^}]*)\}\s*from\s*['"](\.[^'"?]+)['"]/g)) {
      const target = resolve(dirname(path), m[2]);
      let exported;
      try {
        exported = exportsOf(readFileSync(target, 'utf8'));
      } catch {
        missing.push(`${relative(root, path)}: ${m[2]} does not exist`);
        continue;
      }
      for (const part of m[1].split(',')) {
        const name = part.trim().split(/\s+as\s+/)[0];
        if (name && !exported.has(name)) missing.push(`${relative(root, path)}: ${name} is not exported by ${m[2]}`);
      }
    }
  }
  assert.deepEqual(missing, []);
});
