// Firefox ESR and WebKitGTK, from Debian, behind one small interface so the same checks run in both:
//   { name, goto(url), run(fn, ...args), waitFor(fn, arg, ms), screenshot(path), quit() }
// run and waitFor take a function, sent to the page as its source text (so it must not close over anything).
// Firefox is driven by puppeteer-core over WebDriver BiDi; WebKit by selenium-webdriver through
// WebKitWebDriver, which starts WebKitGTK's MiniBrowser on an Xvfb display of its own.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

import puppeteer from 'puppeteer-core';
import { Builder, Capabilities } from 'selenium-webdriver';

export const FIREFOX = '/usr/bin/firefox-esr';
export const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const VIEWPORT = { width: 1000, height: 900 };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const call = (fn, args) => `return (${fn})(...${JSON.stringify(args)});`;

export async function firefox() {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
  const page = await browser.newPage();
  await page.setViewport(VIEWPORT);
  return {
    name: 'Firefox ESR',
    goto: (url) => page.goto(url),
    run: (fn, ...args) => page.evaluate(fn, ...args),
    waitFor: (fn, arg, ms = 30000) => page.waitForFunction(fn, { timeout: ms, polling: 100 }, arg),
    screenshot: (path) => page.screenshot({ path }),
    quit: () => browser.close(),
  };
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A display of our own: the first free :N from 90 (Xvfb exits at once when :N is taken). */
async function startXvfb() {
  for (let n = 90; n < 140; n++) {
    const xvfb = spawn('Xvfb', [`:${n}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => xvfb.once('exit', () => resolve(true)));
    if (!(await Promise.race([exited, sleep(400).then(() => false)]))) return { display: `:${n}`, xvfb };
  }
  throw new Error('no free X display between :90 and :139 for Xvfb');
}

/** WebKitGTK with the process locale `lang` (WebKit takes navigator.language from it). */
export async function webkit({ lang = 'en_US.UTF-8' } = {}) {
  const { display, xvfb } = await startXvfb();
  const port = await freePort();
  const env = { ...process.env, DISPLAY: display, LANG: lang, LC_ALL: lang };
  const server = spawn(WEBKIT_DRIVER, [`--port=${port}`], { env, stdio: 'ignore' });
  const stop = () => {
    server.kill();
    xvfb.kill();
  };
  try {
    const capabilities = new Capabilities();
    capabilities.set('browserName', 'MiniBrowser');
    capabilities.set('webkitgtk:browserOptions', { binary: MINIBROWSER, args: ['--automation'] });
    let driver;
    for (let attempt = 0; !driver; attempt++) {
      try {
        driver = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities(capabilities).build();
      } catch (error) {
        if (attempt > 20) throw error;
        await sleep(250); // the driver is still starting
      }
    }
    await driver.manage().window().setRect(VIEWPORT);
    return {
      name: `WebKitGTK (LANG=${lang})`,
      goto: (url) => driver.get(url),
      run: (fn, ...args) => driver.executeScript(call(fn, args)),
      waitFor: (fn, arg, ms = 30000) => driver.wait(() => driver.executeScript(call(fn, [arg])), ms),
      screenshot: async (path) => writeFileSync(path, Buffer.from(await driver.takeScreenshot(), 'base64')),
      quit: async () => {
        await driver.quit().catch(() => {});
        stop();
      },
    };
  } catch (error) {
    stop();
    throw error;
  }
}
