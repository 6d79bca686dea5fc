// What a screen reader gets from the charts, read from the browser's own accessibility tree (Chromium, through the
// DevTools protocol): after some training every line chart is an image whose name states its numbers.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { openPage, withServerAndBrowser } from './helpers.js';

const shared = withServerAndBrowser(before, after);

/** The names of the accessibility tree's images (role img), as Chromium exposes them. */
async function imageNames(page) {
  const client = await page.context().newCDPSession(page);
  const { nodes } = await client.send('Accessibility.getFullAXTree');
  await client.detach();
  return nodes.filter((n) => !n.ignored && n.role?.value === 'image').map((n) => n.name?.value ?? '');
}

test("after training, the page's charts are images named with their numbers", async () => {
  const page = await openPage(shared.browser, shared.server.url);
  await page.waitForFunction(() => document.body.dataset.drawnStep !== undefined);
  await page.click('#play');
  await page.waitForFunction(() => Number(document.querySelector('#step').textContent.replace(/,/g, '')) > 300);
  await page.click('#play'); // pause, so the names hold still while they are read
  // The layers panel draws only on screen: bring it there.
  await page.locator('#layer-charts').scrollIntoViewIfNeeded();
  await page.waitForFunction(() =>
    [...document.querySelectorAll('#layer-charts [role=img]')].every((c) => /At step/.test(c.ariaLabel)),
  );
  const names = await imageNames(page);
  const charts = await page.$$eval('[role=img]', (list) => list.length); // line charts, heatmaps, histograms
  assert.equal(names.length, charts, 'every chart reaches the tree as an image');
  for (const name of names) assert.ok(name.length > 10, `a chart without a name: "${name}"`);
  // The learning curves and each hidden layer's band, as they are announced:
  const drawn = names.filter((name) => /\. At step /.test(name));
  assert.ok(drawn.length >= 4, JSON.stringify(names));
  for (const name of drawn) assert.match(name, /At step [\d,]+: .*\d/, name);
  assert.ok(
    drawn.some((name) =>
      /^Loss\. At step [\d,]+: no batch norm, train [\d.]+, .*batch norm on z, test [\d.]+\.$/.test(name),
    ),
    JSON.stringify(drawn),
  );
  // e.g. "Hidden layer 1: input to the activation (15/50/85th percentiles). At step 310: no batch norm p15 -0.042, …"
  assert.ok(
    drawn.some((name) =>
      /^Hidden layer 1: .*\. At step [\d,]+: no batch norm p15 -?[\d.]+, .*batch norm on z p85 -?[\d.]+\.$/.test(name),
    ),
    JSON.stringify(drawn),
  );
  assert.deepEqual(page.problems, []);
  await page.close();
});
