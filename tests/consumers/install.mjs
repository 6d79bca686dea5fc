// Installs the packed tarball into a fresh project, offline: the project's package-lock.json is written here —
// the tarball, and for its dependencies and the project's tools (vite, typescript) the same versions this
// repository's own lockfile pins, so `npm ci --offline` takes every package from npm's cache (filled by the
// repository's own `npm ci`). No network is used; a package missing from the cache fails the install.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = fileURLToPath(new URL('../..', import.meta.url));
const repoLock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')).packages;
const repoManifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));

/** npm pack into a temporary folder (prepack builds what is missing): the tarball's path and npm's report. */
export function pack() {
  const dir = mkdtempSync(join(tmpdir(), 'bnp-pack-'));
  const result = spawnSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: repo, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm pack failed:\n${result.stderr}`);
  const [report] = JSON.parse(result.stdout);
  return { tarball: join(dir, report.filename), report };
}

/** Adds to `out` the lock entries that dependency `name` of the package at `from` brings: found as node would
 *  (the nearest node_modules going up), with its own dependencies. A name the repository does not install
 *  (an optional peer, another platform's binary) is left out, as npm leaves it out. */
function closure(name, from, out) {
  for (let base = from; ;) {
    const path = base ? `${base}/node_modules/${name}` : `node_modules/${name}`;
    const entry = repoLock[path];
    if (entry) {
      if (out[path]) return;
      // With its download address, npm ci takes the tarball from the cache by its integrity and needs no
      // package document (which an earlier install may not have cached).
      const fullName = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
      const file = `${fullName.split('/').at(-1)}-${entry.version}.tgz`;
      out[path] = { resolved: `https://registry.npmjs.org/${fullName}/-/${file}`, ...entry };
      for (const dep of Object.keys({
        ...entry.dependencies,
        ...entry.optionalDependencies,
        ...entry.peerDependencies,
      }))
        closure(dep, path, out);
      return;
    }
    if (!base) return;
    const up = base.lastIndexOf('/node_modules/');
    base = up === -1 ? '' : base.slice(0, up);
  }
}

/**
 * A new project in a temporary folder from the template folder `template`, with the tarball as a dependency
 * and `tools` (names of this repository's dev dependencies, e.g. ['vite']) as dev dependencies at the
 * repository's versions, installed with npm ci --offline. Returns the project's folder.
 */
export function installProject(template, tarball, tools = []) {
  const dir = mkdtempSync(join(tmpdir(), 'bnp-consumer-'));
  cpSync(template, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const bytes = readFileSync(tarball);
  const spec = `file:${tarball}`;
  manifest.dependencies = { 'batchnorm-playground': spec };
  manifest.devDependencies = Object.fromEntries(tools.map((t) => [t, repoManifest.devDependencies[t]]));
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));

  const packages = {};
  for (const dep of [...Object.keys(repoManifest.dependencies), ...tools]) closure(dep, '', packages);
  const lock = {
    name: manifest.name,
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: manifest.name, dependencies: manifest.dependencies, devDependencies: manifest.devDependencies },
      'node_modules/batchnorm-playground': {
        version: repoManifest.version,
        resolved: spec,
        integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
        license: repoManifest.license,
        dependencies: repoManifest.dependencies,
        engines: repoManifest.engines,
      },
      ...packages,
    },
  };
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lock, null, 2));
  const result = spawnSync('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`npm ci --offline in ${dir} failed:\n${result.stderr}`);
  return dir;
}
