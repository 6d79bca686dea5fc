// Firefox ESR (Debian's), driven by puppeteer-core over WebDriver BiDi: the page and every figure.
import { after, before, test } from 'node:test';

import { everyFigureDraws, pageTrains, startServer } from './checks.js';
import { firefox } from './drivers.js';

let server;
let engine;
before(async () => {
  server = await startServer();
  engine = await firefox();
});
after(async () => {
  await engine?.quit();
  await server?.close();
});

test('Firefox: the page trains under the strict CSP', () => pageTrains(engine, server.url, 'firefox'));
test('Firefox: every figure of the post draws', () => everyFigureDraws(engine, server.url, 'firefox'));
