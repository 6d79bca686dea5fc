// DOM helpers every view and figure uses: make an element, a button, a per-network table. Text only: nothing
// given here becomes HTML.

export function element(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function button(label, onClick) {
  const b = element('button', null, label);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

/**
 * A table with one row per network: a coloured name cell, then cells(net) → texts, under `headings`
 * (the first heading names the network column).
 */
export function netTable(table, caption, headings, nets, color, cells) {
  const head = element('tr');
  head.append(...headings.map((h) => element('th', null, h)));
  const rows = nets.map((net) => {
    const tr = element('tr');
    const name = element('td', null, net.label);
    name.style.borderLeft = `4px solid ${color(net)}`;
    tr.append(name, ...cells(net).map((text) => element('td', null, text)));
    return tr;
  });
  table.replaceChildren(element('caption', null, caption), head, ...rows);
}

/** Offers `blob` to the reader as a download named `name` (a CSV, a PNG). */
export function saveBlob(blob, name) {
  const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob), download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}
