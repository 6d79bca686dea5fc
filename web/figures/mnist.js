// The paper's own experiment (Ioffe & Szegedy 2015, Figure 1) on real MNIST digits: a figure with two runs —
// the plain and the batch-normalized network, on two workers when the pool has them — from one start on the
// same mini-batches. (a) test accuracy against steps, (b, c) percentiles of one last-layer sigmoid's input; a
// progress bar with steps/s and time left; pause and resume; the results as CSV and the chart as PNG. It trains
// on a 10,000-digit sample by default; the "full MNIST" switch downloads all 70,000 digits (once per page, with
// a progress bar and Cancel) and starts again on them.
import { History } from '../runtime/history.js';
import { MNIST_DATA, mnistKey } from '../lib/mnist.js';
import { mnistBytes, mnistFullBytes } from '../runtime/loaders.js';
import { netStyle } from '../views/colors.js';
import { button, element, saveBlob } from '../views/dom.js';
import { seriesLegend } from '../views/legend.js';
import { divergedMessage } from '../views/format.js';
import { LineChart, percentileChart, sharedRange } from '../views/line-chart.js';
import { PAPER } from '../worker/paper.js';
import { Figure } from './figure.js';

const NETS = [
  { id: 'plain', label: 'without batch norm', batchNorm: 'none', ...netStyle('plain') },
  { id: 'batchNorm', label: 'with batch norm', batchNorm: 'before', ...netStyle('before') },
];
const BAND = ['p15', 'p50', 'p85'];

export class MnistFigure extends Figure {
  build(body) {
    this.data = 'small';
    this.dataBox = body.appendChild(this.buildDataSwitch());
    this.controlsChanged();
    const progress = element('div', 'bnp-progress');
    this.bar = element('progress');
    this.bar.setAttribute('aria-label', `training steps done, of ${PAPER.steps.toLocaleString('en')}`);
    this.bar.max = PAPER.steps;
    this.bar.value = 0;
    this.progressText = element('span', 'bnp-counter', `step 0 of ${PAPER.steps.toLocaleString('en')}`);
    progress.append(this.bar, this.progressText);
    this.charts = element('div', 'bnp-charts');
    const actions = element('div', 'bnp-toolbar');
    actions.append(
      button('Download results (CSV)', () => this.downloadCsv()),
      button('Save chart (PNG)', () => this.downloadPng()),
    );
    body.append(progress, seriesLegend(element('div'), NETS), this.charts, actions);
    const box = () => this.charts.appendChild(element('div', 'bnp-chart'));
    this.accuracyChart = new LineChart(box(), {
      title: '(a) Test accuracy',
      yLabel: 'accuracy',
      height: this.height,
      legend: false,
      series: NETS.map((n) => ({ label: n.label, meaning: n.meaning, color: n.color })),
    });
    this.bandCharts = NETS.map((n, k) =>
      percentileChart(box(), {
        title: `(${'bc'[k]}) ${n.label}`,
        yLabel: 'p15 / p50 / p85',
        meaning: n.meaning,
        color: n.color,
        height: this.height,
      }),
    );
    this.resetDrawing();
  }

  /** The "full MNIST" switch shows unless the page's controls leave out "data". */
  controlsChanged() {
    if (this.dataBox) this.dataBox.hidden = !this.shows('data');
  }

  /** "full MNIST (11.5 MB)": a checkbox, and while it downloads a progress bar and Cancel. */
  buildDataSwitch() {
    const box = element('div', 'bnp-data');
    const label = element('label');
    this.fullSwitch = element('input');
    this.fullSwitch.type = 'checkbox';
    label.append(this.fullSwitch, ` full MNIST (${(MNIST_DATA.full.bytes / 1e6).toFixed(1)} MB)`);
    this.download = element('progress');
    this.download.setAttribute('aria-label', 'download of full MNIST');
    this.download.hidden = true;
    this.cancelButton = button('Cancel', () => this.downloading?.abort());
    this.cancelButton.hidden = true;
    this.dataText = element('span', 'bnp-data-text', describeData('small'));
    this.dataText.setAttribute('aria-live', 'polite');
    box.append(label, this.download, this.cancelButton, this.dataText);
    this.fullSwitch.addEventListener('change', () =>
      this.fullSwitch.checked ? this.useFull() : this.useData('small'),
    );
    return box;
  }

  /** Downloads full MNIST (or takes it from the page's earlier download), then starts again on it. */
  async useFull() {
    if (this.downloading) return;
    const controller = (this.downloading = new AbortController());
    this.download.hidden = this.cancelButton.hidden = false;
    this.download.value = 0;
    try {
      this.fullBytes = await mnistFullBytes({
        signal: controller.signal,
        onProgress: (received, total) => {
          if (total) ((this.download.max = total), (this.download.value = received));
          this.dataText.textContent = `downloading full MNIST: ${(received / 1e6).toFixed(1)}${total ? ` of ${(total / 1e6).toFixed(1)}` : ''} MB`;
        },
      });
      this.useData('full');
    } catch (error) {
      this.fullSwitch.checked = false;
      this.dataText.textContent =
        error.name === 'AbortError' ? `download cancelled — ${describeData(this.data)}` : describeData(this.data);
      if (error.name !== 'AbortError') this.status.textContent = error.message;
    } finally {
      this.downloading = null;
      this.download.hidden = this.cancelButton.hidden = true;
    }
  }

  /** Trains on this data size from step 0 (the figure's runs are rebuilt when they exist). */
  useData(data) {
    this.downloading?.abort();
    this.fullSwitch.checked = data === 'full';
    this.dataText.textContent = describeData(data);
    if (data === this.data) return;
    this.data = data;
    if (this.runs.length) this.open();
  }

  resetDrawing() {
    this.checkpoints = Object.fromEntries(NETS.map((n) => [n.id, new History(Infinity)]));
    this.diverged = {};
    delete this.charts.dataset.checkpoints; // the checkpoint counts the charts show (see draw)
  }

  /** The digits, fetched once per page; each worker gets them once (see runSpecs()). */
  async prepare() {
    this.progressText.textContent = 'loading the digits…';
    this.digits = await mnistBytes().catch((error) => {
      this.progressText.textContent = 'the digits could not be loaded (see below)';
      throw error;
    });
    this.progressText.textContent = 'ready';
  }

  runSpecs() {
    const full = this.data === 'full';
    const shared = { [mnistKey(this.data)]: { bytes: full ? this.fullBytes : this.digits, compressed: full } };
    return NETS.map((n) => ({
      id: n.id,
      label: n.label,
      experiment: this.entry.experiment,
      options: { batchNorm: n.batchNorm, data: this.data },
      shared,
    }));
  }

  histories() {
    return this.checkpoints;
  }

  record(message, id) {
    for (const c of message.checkpoints)
      this.checkpoints[id].add(c.step, { accuracy: c.testAccuracy, ...c.percentiles });
    if (message.diverged !== null) this.diverged[id] = message.diverged;
  }

  playLabel() {
    return this.step >= PAPER.steps ? 'Done' : 'Play';
  }

  draw() {
    const done = this.step;
    const rate = Math.min(...this.runs.list.map((run) => run.latest?.stepsPerSecond || Infinity));
    const timing = Number.isFinite(rate) && this.playing;
    this.bar.value = done;
    this.progressText.textContent =
      `step ${done.toLocaleString('en')} of ${PAPER.steps.toLocaleString('en')}` +
      (timing
        ? ` · ${Math.round(rate)} steps/s per network · about ${Math.ceil((PAPER.steps - done) / rate)} s left`
        : '');
    for (const [id, step] of Object.entries(this.diverged))
      this.status.textContent = `${id === 'plain' ? 'without' : 'with'} batch norm: ${divergedMessage(step)}`;
    const [plain, bn] = NETS.map((n) => this.checkpoints[n.id]);
    // The charts change only at checkpoints (every 500 steps), while snapshots come several times a second: the
    // frames between only move the progress bar, which leaves more of the machine to the training workers.
    const counts = `${plain.steps.length},${bn.steps.length}`;
    if (counts === this.charts.dataset.checkpoints) return;
    this.charts.dataset.checkpoints = counts; // also what tests read
    const longer = plain.steps.length >= bn.steps.length ? plain : bn;
    const aligned = (h) => {
      const accuracy = h.get('accuracy');
      return longer.steps.map((_, i) => accuracy[i] ?? null);
    };
    this.accuracyChart.update(longer.steps, [aligned(plain), aligned(bn)]);
    const columns = NETS.map((n) => BAND.map((p) => this.checkpoints[n.id].get(p)));
    const range = sharedRange(columns.flat()); // (b) and (c) on one scale, as in the paper's figure
    NETS.forEach((n, k) => this.bandCharts[k].update(this.checkpoints[n.id].steps, columns[k], range));
  }

  /** step, then for each network: test accuracy and the three percentiles. */
  csv() {
    const rows = [
      ['step', ...NETS.flatMap((n) => [`${n.id}_test_accuracy`, `${n.id}_p15`, `${n.id}_p50`, `${n.id}_p85`])].join(
        ',',
      ),
    ];
    const histories = NETS.map((n) => this.checkpoints[n.id]);
    const count = Math.max(...histories.map((h) => h.steps.length));
    const columns = histories.map((h) => ['accuracy', ...BAND].map((name) => h.get(name)));
    for (let i = 0; i < count; i++) {
      const step = histories.map((h) => h.steps[i]).find((s) => s !== undefined);
      rows.push(
        [
          step,
          ...histories.flatMap((h, k) =>
            i < h.steps.length ? columns[k].map((column) => column[i]) : ['', '', '', ''],
          ),
        ].join(','),
      );
    }
    return rows.join('\n') + '\n';
  }

  downloadCsv() {
    saveBlob(new Blob([this.csv()], { type: 'text/csv' }), 'batchnorm-mnist.csv');
  }

  /** The three charts' canvases side by side on one white image. */
  downloadPng() {
    const canvases = [...this.charts.querySelectorAll('canvas')];
    if (!canvases.length) return;
    const width = canvases.reduce((w, c) => w + c.width, 0),
      height = Math.max(...canvases.map((c) => c.height)) + 30;
    const out = Object.assign(document.createElement('canvas'), { width, height });
    const ctx = out.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = '#222';
    ctx.font = '16px system-ui, sans-serif';
    const { train, test } = MNIST_DATA[this.data];
    ctx.fillText(
      `MNIST (${train.toLocaleString('en')} training, ${test.toLocaleString('en')} test digits), 784-100-100-100-10 sigmoid, batch 60, lr ${this.settings.lr}: blue with batch norm, orange without`,
      8,
      20,
    );
    let x = 0;
    for (const c of canvases) {
      ctx.drawImage(c, x, 30);
      x += c.width;
    }
    out.toBlob((blob) => saveBlob(blob, 'batchnorm-mnist.png'));
  }

  destroyDrawing() {
    this.accuracyChart.destroy();
    for (const c of this.bandCharts) c.destroy();
  }
}

function describeData(data) {
  const { train, test } = MNIST_DATA[data];
  return `${data === 'full' ? 'all of MNIST' : 'a sample of MNIST'}: ${train.toLocaleString('en')} digits to learn from, ${test.toLocaleString('en')} to test on`;
}
