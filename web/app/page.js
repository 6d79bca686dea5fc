// The playground page: one PlaygroundFigure drawn into the page's panels, with its settings in the address
// (#key=value&…), so a run can be shared by copying the URL. Everything else — training, drawing, what is on
// screen — is the figure's.
import 'uplot/dist/uPlot.min.css';
import '../views/views.css';

import { PlaygroundFigure } from '../figures/playground.js';
import { separateWorker } from '../runtime/separate-worker.js';
import { useWorkerFactory } from '../runtime/worker-pool.js';
import { parseSettings, serializeSettings } from '../state/settings.js';

useWorkerFactory(separateWorker);

function writeAddress(settings) {
  const text = serializeSettings(settings);
  window.history.replaceState(null, '', text ? `#${text}` : location.pathname + location.search);
}

const { settings, notices } = parseSettings(location.hash);
const $ = (selector) => document.querySelector(selector);
// On a phone the settings start folded, so Play and the first chart share the first screen.
if (matchMedia('(max-width: 700px)').matches) $('details.settings').open = false;
const page = {
  panels: { curves: $('#curves'), boundaries: $('#boundaries'), anatomy: $('#anatomy'), layers: $('#layers') },
  legend: $('#curves-legend'),
  loss: $('#loss-chart'),
  accuracy: $('#accuracy-chart'),
  heatmaps: $('#heatmaps'),
  heatmapKey: $('#heatmap-key'),
  startNote: $('#start-note'),
  anatomyCards: $('#anatomy-cards'),
  layerCharts: $('#layer-charts'),
  controls: { settings: $('#controls'), run: $('#run-controls'), anatomy: $('#anatomy-controls') },
};
const figure = new PlaygroundFigure(document.body, {
  settings,
  parts: {
    root: $('main'),
    toolbar: $('.toolbar'),
    status: $('#status'),
    notices: $('#notices'),
    numbers: { box: $('#page-numbers'), source: $('.layout'), name: 'playground' },
    page,
  },
  onChange: writeAddress,
  onDraw(step) {
    document.body.dataset.drawnStep = String(step); // read by the browser tests
    window.bnpFirstFrame ??= performance.now(); // read by bench/page.mjs: cold load to first chart frame
  },
}).mount();
figure.notify(notices);

window.addEventListener('hashchange', () => {
  const parsed = parseSettings(location.hash);
  figure.apply(parsed.settings, parsed.notices);
});
