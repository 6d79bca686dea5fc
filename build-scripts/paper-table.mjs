#!/usr/bin/env node
// The table of docs/paper.md for the paper's experiment: steps to reach 95% and 97% test accuracy and the final
// accuracy, plain vs batch norm, from `npm run paper -- --out ours.json` and, when given, PyTorch's run from
// the same start (build-scripts/make-mnist-fixture.py --steps 50000 --every 500 --out torch.json).
//   node build-scripts/paper-table.mjs ours.json [torch.json]
import { readFileSync } from 'node:fs';

const [oursFile, torchFile] = process.argv.slice(2);
if (!oursFile) {
  console.error('usage: node build-scripts/paper-table.mjs ours.json [torch.json]');
  process.exit(2);
}
const ours = JSON.parse(readFileSync(oursFile, 'utf8'));
const sources = [['this project', ours.networks]];
if (torchFile) sources.push(['PyTorch, same start and batches', JSON.parse(readFileSync(torchFile, 'utf8')).networks]);
const reach = (checkpoints, level) => checkpoints.find((c) => c.testAccuracy >= level)?.step;
const fmt = (step) => (step === undefined ? 'not reached' : step.toLocaleString('en'));
console.log(`| run | network | 95% at step | 97% at step | at step ${ours.steps.toLocaleString('en')} |`);
console.log('| --- | --- | ---: | ---: | ---: |');
for (const [name, networks] of sources)
  for (const [id, label] of [
    ['plain', 'without batch norm'],
    ['batchNorm', 'with batch norm'],
  ]) {
    const c = networks[id].checkpoints ?? networks[id];
    console.log(
      `| ${name} | ${label} | ${fmt(reach(c, 0.95))} | ${fmt(reach(c, 0.97))} | ${(100 * c.at(-1).testAccuracy).toFixed(1)}% |`,
    );
  }
console.log(
  `\n(${ours.data?.name ?? 'data not recorded'}; checkpoints every ${ours.every} steps, seed ${ours.seed}, lr ${ours.lr})`,
);
