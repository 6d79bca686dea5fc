// The full playground page: wires the settings (URL hash), the training worker and the views. It owns no
// model: the worker trains, the views draw, this file passes messages between them.
import { constrain, parseSettings, rebuilds, serializeSettings } from '../state/settings.js';
import { Anatomy } from '../views/anatomy.js';
import { NET_COLORS } from '../views/colors.js';
import { Controls } from '../views/controls.js';
import { BoundaryCard, curveSeries } from '../views/boundaries.js';
import { LineChart } from '../views/line-chart.js';
import { openSession } from '../element/runtime.js';
import { History } from './history.js';
import 'uplot/dist/uPlot.min.css';

const $ = (selector) => document.querySelector(selector);
const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;

let { values, notices } = parseSettings(location.hash);
let nets = [], curves = null, latest = null, playing = false, drawPending = false, lastDraw = 0;
const charts = {};
// Panels off screen are not redrawn (on a phone most of them are); coming into view redraws them.
const visible = new Set();
const panelObserver = new IntersectionObserver((entries) => {
  for (const e of entries) e.isIntersecting ? visible.add(e.target.id) : visible.delete(e.target.id);
  if (latest && !drawPending) (drawPending = true), requestAnimationFrame(draw);
});
for (const id of ['curves', 'boundaries', 'anatomy', 'layers']) panelObserver.observe(document.getElementById(id));
let heatmaps = [];
let bandCharts = [];
const anatomy = new Anatomy($('#anatomy-cards'));

function showNotices(list) {
  const box = $('#notices');
  box.replaceChildren(...list.map((text) => Object.assign(document.createElement('li'), { textContent: text })));
  box.hidden = list.length === 0;
}

function writeHash() {
  const text = serializeSettings(values);
  window.history.replaceState(null, '', text ? `#${text}` : location.pathname + location.search);
}

const controls = new Controls($('#controls'), { groups: ['data', 'training', 'network', 'batchnorm'], onChange: change });
const runControls = new Controls($('#run-controls'), { groups: ['run'], onChange: change, idPrefix: 'run' });
const anatomyControls = new Controls($('#anatomy-controls'), { groups: ['anatomy'], onChange: change, idPrefix: 'anatomy' });
function showValues() {
  for (const c of [controls, runControls, anatomyControls]) c.set(values);
}

function change(key, value) {
  const next = [];
  values = constrain({ ...values, [key]: value }, next);
  showNotices(next);
  showValues();
  writeHash();
  if (rebuilds(key)) configure();
  else send({ type: 'view', values });
}

let session = null;
const send = (message) => session?.send(message);
const opened = openSession((data) => {
  if (data.type === 'ready') setUp(data);
  else if (data.type === 'snapshot') receive(data);
  else if (data.type === 'error') fail(`Training stopped: ${data.message}`);
}).then(
  (s) => (session = s),
  (error) => fail(`The playground could not start: ${error.message}`),
);

function fail(message) {
  const box = $('#status');
  box.dataset.error = '';
  box.textContent = message;
  setPlaying(false);
}

function configure() {
  opened.then(() => send({ type: 'open', kind: 'training', values }));
}

function setUp({ points, nets: list, notes }) {
  nets = list;
  curves = new History(nets.map((n) => n.id), values.depth);
  latest = null;
  if (notes.length) showNotices(notes);
  buildCharts();
  const boundaries = $('#heatmaps');
  boundaries.replaceChildren();
  heatmaps = nets.map((net) => new BoundaryCard(boundaries, net, points));
  anatomy.setNets(nets);
}

function buildCharts() {
  for (const chart of [charts.loss, charts.accuracy, ...bandCharts]) chart?.destroy();
  const series = curveSeries(nets);
  charts.loss = new LineChart($('#loss-chart'), { title: 'Loss (cross-entropy)', yLabel: 'loss', series });
  charts.accuracy = new LineChart($('#accuracy-chart'), { title: 'Accuracy', yLabel: 'accuracy', series, yRange: [0, 1] });
  const container = $('#layer-charts');
  container.replaceChildren();
  bandCharts = Array.from({ length: values.depth }, (_, l) => {
    const box = document.createElement('div');
    box.className = 'band-chart';
    container.append(box);
    const bandSeries = nets.flatMap((net) => ['p15', 'p50', 'p85'].map((p) => ({ label: `${net.label} ${p}`, color: NET_COLORS[net.id], width: p === 'p50' ? 2 : 0.5 })));
    const bands = nets.map((net, k) => [3 * k + 1, 3 * k + 3, NET_COLORS[net.id] + '33']);
    return new LineChart(box, { title: `Hidden layer ${l + 1}: input to the activation (15/50/85th percentiles)`, yLabel: 'value', series: bandSeries, bands, height: 160, legend: false });
  });
}

function receive(snapshot) {
  latest = snapshot;
  curves?.add(snapshot);
  setPlaying(snapshot.playing);
  if (!drawPending) {
    drawPending = true;
    requestAnimationFrame(draw);
  }
}

function draw(now) {
  drawPending = false;
  // With reduced motion, redraw at most four times a second.
  if (reducedMotion && now - lastDraw < 250) {
    drawPending = true;
    setTimeout(() => requestAnimationFrame(draw), 250 - (now - lastDraw));
    return;
  }
  lastDraw = now;
  if (!latest || !curves) return;
  $('#step').textContent = latest.step.toLocaleString('en');
  $('#rate').textContent = latest.playing ? `${Math.round(latest.stepsPerSecond).toLocaleString('en')} steps/s` : 'paused';
  const columns = (measures) => nets.flatMap((net) => measures.map((m) => curves.get(`${net.id}.${m}`)));
  if (visible.has('curves')) {
    charts.loss.update(curves.steps, columns(['trainLoss', 'testLoss']));
    charts.accuracy.update(curves.steps, columns(['trainAccuracy', 'testAccuracy']));
  }
  if (visible.has('layers'))
    bandCharts.forEach((chart, l) => chart.update(curves.steps, columns([`layer${l}.p15`, `layer${l}.p50`, `layer${l}.p85`])));
  if (visible.has('anatomy')) anatomy.update(latest.nets);
  latest.nets.forEach((s, k) => heatmaps[k]?.update(s, visible.has('boundaries')));
  document.body.dataset.drawnStep = String(latest.step);
  window.bnpFirstFrame ??= performance.now();  // read by bench/page.mjs: cold load to first chart frame
}

function setPlaying(state) {
  playing = state;
  const button = $('#play');
  button.textContent = playing ? 'Pause' : 'Play';
  button.setAttribute('aria-pressed', String(playing));
}

$('#play').addEventListener('click', () => send({ type: playing ? 'pause' : 'play' }));
$('#step-once').addEventListener('click', () => send({ type: 'step' }));
$('#reset').addEventListener('click', () => {
  curves = new History(nets.map((n) => n.id), values.depth);
  send({ type: 'reset' });
});
window.addEventListener('hashchange', () => {
  const parsed = parseSettings(location.hash);
  const changed = Object.keys(parsed.values).some((k) => parsed.values[k] !== values[k] && rebuilds(k));
  values = parsed.values;
  showNotices(parsed.notices);
  showValues();
  if (changed) configure();
  else send({ type: 'view', values });
});

showNotices(notices);
showValues();
configure();
