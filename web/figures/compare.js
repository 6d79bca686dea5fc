// Plain vs batch norm from one start on the same mini-batches: learning curves and decision regions, and a
// button for the fair race (Xavier initial weights instead of the default small ones).
import { button } from '../views/dom.js';
import { CurvesFigure } from './curves.js';

export class CompareFigure extends CurvesFigure {
  build(body) {
    super.build(body);
    this.fair = button('Fair race: Xavier initial weights', () =>
      this.change('init', this.settings.init === 'xavier' ? 'gaussian' : 'xavier'),
    );
    this.fair.className = 'bnp-fair';
    body.prepend(this.fair);
    this.showFair();
  }

  showSettings() {
    super.showSettings();
    this.showFair();
  }

  showFair() {
    if (this.fair)
      this.fair.textContent =
        this.settings.init === 'xavier'
          ? 'Back to the small initial weights (σ = 0.1)'
          : 'Fair race: Xavier initial weights';
  }
}
