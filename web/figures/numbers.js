// A figure's numbers for readers who cannot see its charts, or want the data: a panel ("The numbers") with one
// table per chart, and a CSV download of all of them; and a polite live region that says, at checkpoints,
// what the figure shows now. Views offer their data as element.bnpTable() → { title, headers, rows }
// (line charts, histograms, heatmaps, the contour and sigmoid canvases).
import { button, element, saveBlob } from '../views/dom.js';

const SHOWN_ROWS = 60; // a table shows at most this many rows, evenly spread, the last always; the CSV has all
const QUIET_MS = 15000; // while training, the live region speaks at most this often

/** Every table the views under `root` offer, in document order. */
export function tablesUnder(root) {
  return [...root.querySelectorAll('*')].filter((e) => typeof e.bnpTable === 'function').map((e) => e.bnpTable());
}

// Four significant digits; below 10⁻⁴ as 2.1e-9 (three decimals would show 0.000356 as 0).
const cell = (v) =>
  v === null || v === undefined
    ? '—'
    : typeof v !== 'number'
      ? String(v)
      : !Number.isFinite(v)
        ? 'none'
        : Number.isInteger(v)
          ? v.toLocaleString('en') // steps and counts, exact
          : v !== 0 && Math.abs(v) < 1e-4
            ? v.toExponential(2)
            : v.toLocaleString('en', { maximumSignificantDigits: 4 });

/** The tables as CSV: each under a line with its title, a blank line between them; full precision. */
export function toCsv(tables) {
  const quote = (v) => {
    const text = v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? '' : String(v);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return tables
    .map((t) =>
      [`# ${t.title}`, t.headers.map(quote).join(','), ...t.rows.map((r) => r.map(quote).join(','))].join('\n'),
    )
    .join('\n\n')
    .concat('\n');
}

/** Rows to show: all when few, else SHOWN_ROWS spread evenly, the last included. */
function shownRows(rows) {
  if (rows.length <= SHOWN_ROWS) return rows;
  const every = (rows.length - 1) / (SHOWN_ROWS - 1);
  return Array.from({ length: SHOWN_ROWS }, (_, i) => rows[Math.round(i * every)]);
}

function tableElement({ title, headers, rows }) {
  const table = element('table', 'bnp-table bnp-numbers');
  const shown = shownRows(rows);
  table.append(
    element(
      'caption',
      null,
      shown.length < rows.length ? `${title} (${shown.length} of ${rows.length} rows; the CSV has all)` : title,
    ),
  );
  const head = table.createTHead().insertRow();
  for (const h of headers) head.append(Object.assign(element('th', null, h), { scope: 'col' }));
  const body = table.createTBody();
  for (const row of shown) {
    const tr = body.insertRow();
    row.forEach((v, i) => tr.append(element(i ? 'td' : 'th', null, cell(v))));
  }
  if (!rows.length) body.insertRow().append(element('td', null, 'no data yet'));
  return table;
}

export class Numbers {
  /** name: the figure's name (the CSV's file name); source: the element whose views hold the data. */
  constructor(root, { name, source }) {
    this.source = source;
    this.name = name;
    this.details = element('details', 'bnp-numbers-panel');
    this.tables = element('div', 'bnp-data-tables');
    this.details.append(
      element('summary', null, 'The numbers: tables and CSV'),
      button('Download CSV', () => this.download()),
      this.tables,
    );
    this.details.addEventListener('toggle', () => this.details.open && this.refresh());
    // Spoken at checkpoints, visually hidden.
    this.live = element('p', 'bnp-live');
    this.live.setAttribute('aria-live', 'polite');
    root.append(this.details, this.live);
    this.saidAt = -Infinity;
    this.said = '';
  }

  /** The tables again, while the panel is open (the figure calls it when training stops). */
  refresh() {
    if (this.details.open) this.tables.replaceChildren(...tablesUnder(this.source).map(tableElement));
  }

  download() {
    saveBlob(new Blob([toCsv(tablesUnder(this.source))], { type: 'text/csv' }), `${this.name}.csv`);
  }

  /**
   * Says what `say()` returns in the live region: at once when `now`, else only QUIET_MS after the last time;
   * never the same twice. `say` is called only when it may speak (it reads the figure's charts).
   */
  announce(say, { now = false } = {}) {
    const t = performance.now();
    if (!now && t - this.saidAt < QUIET_MS) return;
    const text = say();
    if (!text || text === this.said) return;
    this.live.textContent = text;
    this.said = text;
    this.saidAt = t;
  }
}
