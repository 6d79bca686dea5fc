// WebKitGTK (Debian's MiniBrowser through WebKitWebDriver, on an Xvfb display): the page and every figure,
// with an ordinary locale and with LANG=C.UTF-8, where WebKit reports navigator.language "C" — a tag Intl
// refuses, which once left the page and every figure blank (web/views/locale-guard.js).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { everyFigureDraws, pageTrains, startServer } from './checks.js';
import { webkit } from './drivers.js';

let server;
before(async () => {
  server = await startServer();
});
after(() => server?.close());

const browserLanguage = () => Object.getOwnPropertyDescriptor(Navigator.prototype, 'language').get.call(navigator);

for (const [lang, tag, reported] of [
  ['en_US.UTF-8', 'webkit', 'en-US'],
  ['C.UTF-8', 'webkit-c', 'C'],
]) {
  test(`WebKit, LANG=${lang}: the page trains under the strict CSP, and every figure of the post draws`, async () => {
    const engine = await webkit({ lang });
    try {
      await pageTrains(engine, server.url, tag);
      assert.equal(await engine.run(browserLanguage), reported, 'the browser reports the locale under test');
      await everyFigureDraws(engine, server.url, tag);
    } finally {
      await engine.quit();
    }
  });
}
