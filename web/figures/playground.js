// The full playground page as one figure: the learning curves and decision regions of every compared network
// (CurvesFigure), the anatomy of one hidden unit, and how each hidden layer's inputs move. It draws into the
// panels the page hands it and skips those off screen; the page (web/app/page.js) keeps its settings in the
// address.
import { Anatomy } from '../views/anatomy.js';
import { Controls } from '../views/controls.js';
import { PAGE_ENTRY } from '../state/figures.js';
import { LayerBands } from '../views/layer-bands.js';
import { CurvesFigure } from './curves.js';
import { fairRaceButton } from './fair-race.js';

const PANELS = ['curves', 'boundaries', 'layers', 'anatomy'];
const PANEL_BUDGET_MS = 8; // past this, the panels not yet redrawn wait for the next animation frame

export class PlaygroundFigure extends CurvesFigure {
  /**
   * parts.page: the page's elements — { panels: { curves, boundaries, anatomy, layers } (the sections watched
   * for visibility), legend, loss, accuracy, heatmaps, anatomyCards, layerCharts, controls: { settings, run,
   * anatomy } }. onChange(settings) after a reader's change (the page writes its address); onDraw(step)
   * after each frame drawn.
   */
  constructor(container, { onChange, onDraw, ...rest }) {
    super(container, { ...rest, entry: PAGE_ENTRY, alwaysShown: true });
    this.page = rest.parts.page;
    this.onChange = onChange;
    this.onDraw = onDraw;
  }

  /** Its heatmaps exist always; they are measured only while their panel is on screen (options()). */
  get heatmaps() {
    return true;
  }

  // The curves and the layer bands are histories: measured at every snapshot. The heatmaps and the anatomy
  // show only the present: measured while their panel is on screen.
  options() {
    const measures = ['curves', 'layerBands'];
    if (this.panelShown('boundaries')) measures.push('boundary');
    if (this.panelShown('anatomy')) measures.push('anatomy');
    return { measures };
  }

  slots() {
    const { legend, loss, accuracy, heatmaps: maps, heatmapKey: key } = this.page;
    return { legend, loss, accuracy, maps, key };
  }

  buildControls() {
    const onChange = (key, value) => this.change(key, value);
    const { settings, run, anatomy } = this.page.controls;
    return [
      new Controls(settings, { groups: ['data', 'training', 'network', 'batchnorm'], onChange }),
      new Controls(run, { groups: ['run'], onChange, idPrefix: 'run' }),
      new Controls(anatomy, { groups: ['anatomy'], onChange, idPrefix: 'anatomy' }),
    ];
  }

  build(body) {
    this.stale = new Set(PANELS); // panels with data they have not drawn yet
    super.build(body);
    this.anatomy = new Anatomy(this.page.anatomyCards, { heading: 'h3' });
    this.anatomy.setNets(this.shownNets);
    this.bands = new LayerBands(this.page.layerCharts);
    this.bands.setNets(this.shownNets, this.settings.depth);
    for (const name of PANELS) this.watchPanel(this.page.panels[name], name);
    this.fair = fairRaceButton(this);
    this.page.startNote?.append(this.fair);
  }

  showSettings() {
    super.showSettings();
    this.fair?.show();
  }

  panelsChanged() {
    const { measures } = this.options();
    if (measures.join() === this.measuresSent) return;
    this.measuresSent = measures.join();
    this.sendAll({ type: 'view', settings: this.settings, measures });
  }

  open() {
    this.measuresSent = this.options().measures.join();
    super.open();
  }

  ready(description) {
    super.ready(description);
    this.anatomy.setNets(description.nets);
    this.bands.setNets(description.nets, this.settings.depth);
    if (description.notes.length) this.notify(description.notes);
  }

  changed() {
    this.onChange?.(this.settings);
  }

  record(snapshot) {
    super.record(snapshot);
    for (const name of PANELS) this.stale.add(name); // kept in order: the longest-waiting panel first
  }

  // The panels on screen that have not been redrawn since the last snapshot, longest waiting first, until
  // PANEL_BUDGET_MS are spent; the rest in the next frame. One heavy frame would stall the page.
  draw(s) {
    const started = performance.now();
    for (const name of [...this.stale]) {
      if (!this.panelShown(name)) continue;
      if (performance.now() - started > PANEL_BUDGET_MS) {
        this.schedule();
        break;
      }
      this.stale.delete(name);
      if (name === 'curves') this.drawCurves();
      if (name === 'boundaries') this.drawHeatmaps(s);
      if (name === 'layers')
        this.bands.update(this.history.steps, (column) => this.history.get(column), this.divergedNets(s));
      if (name === 'anatomy') this.anatomy.update(s.nets);
    }
    this.onDraw?.(s.step);
  }
}
