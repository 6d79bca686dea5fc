// The first page: starts the worker and draws its losses. The full playground replaces this.
const status = document.getElementById('status');
const canvas = document.getElementById('chart');
const history = { plain: [], bn: [] };
const colours = { plain: '#E69F00', bn: '#0072B2' };

function draw() {
  const ctx = canvas.getContext('2d');
  const { width, height } = canvas;
  ctx.clearRect(0, 0, width, height);
  const all = [...history.plain, ...history.bn].filter(Number.isFinite);
  if (!all.length) return;
  const top = Math.max(...all);
  for (const [name, values] of Object.entries(history)) {
    ctx.strokeStyle = colours[name];
    ctx.lineWidth = 2;
    ctx.beginPath();
    values.forEach((v, i) => {
      const px = (i / Math.max(1, values.length - 1)) * width, py = height - (v / top) * (height - 10);
      i ? ctx.lineTo(px, py) : ctx.moveTo(px, py);
    });
    ctx.stroke();
  }
}

const worker = new Worker(new URL('./worker/smoke-worker.js', import.meta.url), { type: 'module' });
worker.onmessage = ({ data }) => {
  if (data.type === 'error') {
    status.dataset.error = '';
    status.textContent = `The WebAssembly core could not start: ${data.message}`;
    return;
  }
  history.plain.push(data.losses.plain);
  history.bn.push(data.losses.bn);
  status.textContent = `step ${data.step}: loss without batch norm ${data.losses.plain.toFixed(3)}, with batch norm ${data.losses.bn.toFixed(3)}`;
  requestAnimationFrame(draw);
};
worker.onerror = (event) => {
  status.dataset.error = '';
  status.textContent = `The training worker failed: ${event.message ?? 'unknown error'}`;
};
