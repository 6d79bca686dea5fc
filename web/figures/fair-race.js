// The one-click fair race, for the compare figure and the page: switches both networks between the default
// small initial weights (σ = 0.1), where the plain network waits at ln 2, and Xavier's, where it learns too.
import { button } from '../views/dom.js';

/** A button that toggles figure's `init` between 'gaussian' and 'xavier'; call .show() after settings change. */
export function fairRaceButton(figure) {
  const b = button('', () => figure.change('init', figure.settings.init === 'xavier' ? 'gaussian' : 'xavier'));
  b.className = 'bnp-fair';
  b.show = () => {
    b.textContent =
      figure.settings.init === 'xavier'
        ? 'Back to the small initial weights (σ = 0.1)'
        : 'Fair race: start both from Xavier weights';
  };
  b.show();
  return b;
}
