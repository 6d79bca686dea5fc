// uPlot makes a number formatter for navigator.language when its module loads. Where that tag is not one Intl
// accepts — WebKitGTK started with LANG=C.UTF-8 reports "C" — the constructor throws a RangeError, and every
// module that imports uPlot (every chart, so the page and every figure) fails to load. Imported before uPlot
// (line-chart.js), this module gives such a page the language "en-US" instead: only when the browser's own tag
// is refused, so a page with a valid language is left exactly as it was. Our own labels are formatted in 'en'.
if (typeof navigator !== 'undefined') {
  let accepted = true;
  try {
    new Intl.NumberFormat(navigator.language);
  } catch {
    accepted = false;
  }
  if (!accepted) Object.defineProperty(navigator, 'language', { value: 'en-US', configurable: true });
}
