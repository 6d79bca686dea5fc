// The paper's own experiment (Ioffe & Szegedy 2015, Figure 1) on real MNIST digits: the plain and the
// batch-normalized network train in parallel, one worker each, from one start on the same mini-batches.
// (a) test accuracy against steps, (b, c) percentiles of one last-layer sigmoid's input; a progress bar with
// steps/s and time left; pause and resume; the results as CSV and the chart as PNG.
import { openSession, startInTurn } from '../element/runtime.js';
import { fetchMnistBytes } from '../lib/mnist.js';
import { NET_COLORS } from '../views/colors.js';
import { LineChart } from '../views/line-chart.js';
import { PAPER } from '../worker/experiments/mnist.js';
import { Figure, button, element } from './figure.js';

const NETS = [
  { id: 'plain', label: 'without batch norm', batchNorm: 'none', color: NET_COLORS.plain },
  { id: 'batchNorm', label: 'with batch norm', batchNorm: 'before', color: NET_COLORS.before },
];

export class MnistFigure extends Figure {
  static title = 'The paper\'s experiment: MNIST';
  static explain =
    'Ioffe and Szegedy\'s first test: a network of three hidden layers of 100 sigmoids reads 28×28 handwritten digits, ' +
    'in mini-batches of 60, for 50,000 steps, with and without batch norm — here on 10,000 real MNIST digits (8,000 to ' +
    'learn from, 2,000 to test on). Left, test accuracy; right, what one sigmoid of the last hidden layer receives.';
  static controls = ['lr', 'seed'];
  static overrides = { lr: PAPER.lr };

  build(body) {
    const progress = element('div', 'bnp-progress');
    this.bar = element('progress');
    this.bar.max = PAPER.steps;
    this.bar.value = 0;
    this.progressText = element('span', 'bnp-counter', 'press Play to load the digits and start');
    progress.append(this.bar, this.progressText);
    this.charts = element('div', 'bnp-charts');
    const actions = element('div', 'bnp-toolbar');
    actions.append(button('Download results (CSV)', () => this.downloadCsv()), button('Save chart (PNG)', () => this.downloadPng()));
    body.append(progress, this.charts, actions);
    this.buildCharts();
    this.resetDrawing();
  }

  buildCharts() {
    const box = () => {
      const b = element('div', 'bnp-chart');
      this.charts.append(b);
      return b;
    };
    this.accuracyChart = new LineChart(box(), {
      title: '(a) Test accuracy', yLabel: 'accuracy', height: this.height,
      series: NETS.map((n) => ({ label: n.label, color: n.color })),
    });
    this.bandCharts = NETS.map((n, k) => new LineChart(box(), {
      title: `(${'bc'[k]}) ${n.label}: input to a last-layer sigmoid`, yLabel: 'p15 / p50 / p85', height: this.height, legend: false,
      series: [{ label: '15th', color: n.color, width: 1 }, { label: '50th', color: n.color }, { label: '85th', color: n.color, width: 1 }],
      bands: [[1, 3, n.color + '33']],
    }));
  }

  resetDrawing() {
    this.series = Object.fromEntries(NETS.map((n) => [n.id, []]));
    this.steps = Object.fromEntries(NETS.map((n) => [n.id, 0]));
    this.rates = Object.fromEntries(NETS.map((n) => [n.id, 0]));
    this.diverged = {};
  }

  /** Two sessions, on two workers when the pool has them; the digits are fetched once. */
  start() {
    return startInTurn(() => new Promise((resolve) => {
      this.firstFrame = resolve;
      this.progressText.textContent = 'loading the digits…';
      Promise.all([fetchMnistBytes(), ...NETS.map((n) => openSession((message) => this.receiveFrom(n.id, message)))]).then(
        ([bytes, ...sessions]) => {
          this.bytes = bytes;
          this.sessions = sessions;
          this.session = { send: (message) => sessions.forEach((s) => s.send(message)), close: () => sessions.forEach((s) => s.close()) };
          this.open();
        },
        (error) => {
          this.fail(error.message);
          resolve();
        },
      );
    }));
  }

  open() {
    if (!this.sessions) return;
    this.resetDrawing();
    NETS.forEach((n, k) => this.sessions[k].send({ type: 'open', kind: 'mnist', values: { ...this.values, speed: 1e9 }, options: { bytes: this.bytes, batchNorm: n.batchNorm } }));
    if (this.wanted && this.shown) this.session.send({ type: 'play' });
    this.progressText.textContent = 'ready';
  }

  reset() {
    this.open();
  }

  receiveFrom(id, message) {
    if (message.type === 'error') return this.fail(message.message);
    if (message.type !== 'snapshot') return;
    if (message.step > this.steps[id]) this.work += message.step - this.steps[id];
    this.steps[id] = message.step;
    this.rates[id] = message.stepsPerSecond;
    this.series[id].push(...message.checkpoints);
    if (message.diverged !== null) this.diverged[id] = message.diverged;
    this.playing = message.playing;
    this.latest = message;
    this.playButton.textContent = this.playing ? 'Pause' : this.steps[id] >= PAPER.steps ? 'Done' : 'Play';
    this.playButton.setAttribute('aria-pressed', String(this.playing));
    this.schedule();
  }

  draw() {
    const done = Math.min(...Object.values(this.steps));
    const rate = Math.min(...Object.values(this.rates).filter((r) => r > 0), Infinity);
    this.bar.value = done;
    const left = Number.isFinite(rate) && this.playing ? ` · about ${Math.ceil((PAPER.steps - done) / rate)} s left` : '';
    this.progressText.textContent = `step ${done.toLocaleString('en')} of ${PAPER.steps.toLocaleString('en')}` +
      (Number.isFinite(rate) && this.playing ? ` · ${Math.round(rate)} steps/s per network` : '') + left;
    for (const [id, step] of Object.entries(this.diverged)) this.status.textContent = `${id === 'plain' ? 'without' : 'with'} batch norm: diverged at step ${step} — learning rate too high?`;
    const plain = this.series.plain, bn = this.series.batchNorm;
    const steps = (plain.length >= bn.length ? plain : bn).map((c) => c.step);
    const at = (list) => steps.map((_, i) => list[i]?.testAccuracy ?? null);
    this.accuracyChart.update(steps, [at(plain), at(bn)]);
    NETS.forEach((n, k) => {
      const list = this.series[n.id];
      this.bandCharts[k].update(list.map((c) => c.step), ['p15', 'p50', 'p85'].map((p) => list.map((c) => c.percentiles[p])));
    });
  }

  /** step, then for each network: test accuracy and the three percentiles. */
  csv() {
    const rows = [['step', ...NETS.flatMap((n) => [`${n.id}_test_accuracy`, `${n.id}_p15`, `${n.id}_p50`, `${n.id}_p85`])].join(',')];
    const count = Math.max(...NETS.map((n) => this.series[n.id].length));
    for (let i = 0; i < count; i++) {
      const step = NETS.map((n) => this.series[n.id][i]?.step).find((s) => s !== undefined);
      rows.push([step, ...NETS.flatMap((n) => {
        const c = this.series[n.id][i];
        return c ? [c.testAccuracy, c.percentiles.p15, c.percentiles.p50, c.percentiles.p85] : ['', '', '', ''];
      })].join(','));
    }
    return rows.join('\n') + '\n';
  }

  downloadCsv() {
    save(new Blob([this.csv()], { type: 'text/csv' }), 'batchnorm-mnist.csv');
  }

  /** The three charts' canvases side by side on one white image. */
  downloadPng() {
    const canvases = [...this.charts.querySelectorAll('canvas')];
    if (!canvases.length) return;
    const width = canvases.reduce((w, c) => w + c.width, 0), height = Math.max(...canvases.map((c) => c.height)) + 30;
    const out = Object.assign(document.createElement('canvas'), { width, height });
    const ctx = out.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = '#222';
    ctx.font = '16px system-ui, sans-serif';
    ctx.fillText(`MNIST, 784-100-100-100-10 sigmoid, batch 60, lr ${this.values.lr}: blue with batch norm, orange without`, 8, 20);
    let x = 0;
    for (const c of canvases) {
      ctx.drawImage(c, x, 30);
      x += c.width;
    }
    out.toBlob((blob) => save(blob, 'batchnorm-mnist.png'));
  }

  destroyDrawing() {
    this.accuracyChart?.destroy();
    for (const c of this.bandCharts ?? []) c.destroy();
  }
}

function save(blob, name) {
  const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob), download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
