// Nothing jumps while a reader scrolls: the page and the example post, at 1280 and 360 px, scrolled from top
// to bottom in headless Chromium with a layout-shift observer. Panels and figures are built at their final
// size before the first paint, so the sum of all shifts must stay under 0.1 (the "good" threshold of the
// cumulative layout shift of Core Web Vitals, which counts only the worst window of shifts).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { scrollShifts, withServerAndBrowser } from './helpers.js';

const shared = withServerAndBrowser(before, after);

for (const [name, file] of [
  ['the page', ''],
  ['the example post', 'story.html'],
])
  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 360, height: 740 },
  ])
    test(`${name} at ${viewport.width} px: layout shifts while scrolling add up to less than 0.1`, async () => {
      const { total, largest, height } = await scrollShifts(shared.browser, shared.server.url + file, viewport);
      console.log(
        `# ${name} at ${viewport.width} px: layout shift ${total.toFixed(3)} in all (largest ${largest.toFixed(3)}), ${height} px tall`,
      );
      assert.ok(total < 0.1, `${name} at ${viewport.width} px: layout shifts add up to ${total.toFixed(3)}`);
    });
