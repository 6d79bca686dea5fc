// Plain vs batch norm from one start on the same mini-batches: learning curves and decision regions, and a
// button for the fair race (Xavier initial weights instead of the default small ones).
import { CurvesFigure } from './curves.js';
import { fairRaceButton } from './fair-race.js';

export class CompareFigure extends CurvesFigure {
  build(body) {
    super.build(body);
    this.fair = fairRaceButton(this);
    body.prepend(this.fair);
  }

  showSettings() {
    super.showSettings();
    this.fair?.show();
  }
}
