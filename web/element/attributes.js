// The attributes of <batchnorm-playground>, read and checked: a bad figure or control name is an error shown
// in the element; a bad dataset, seed or height is replaced by the default with a notice.
import { figureSettings } from '../state/figures.js';
import { BY_KEY, SETTINGS, constrain, defaults, parseValue, withDataset } from '../state/settings.js';

const TAG = 'batchnorm-playground';

/**
 * Reads an element's attributes (get(name) → text or null) against the figures (name → { entry, View }):
 * { name, entry, View, settings, controls, height, autoplay, compact, notices } or { error }. Text only:
 * nothing becomes HTML.
 */
export function readAttributes(get, figures) {
  const name = (get('figure') ?? 'compare').trim();
  const figure = Object.hasOwn(figures, name) ? figures[name] : null;
  if (!figure) return { error: `${TAG}: figure="${name}" is not one of ${Object.keys(figures).join(', ')}` };
  const notices = [];
  let settings = figureSettings(figure.entry, defaults());
  for (const key of ['dataset', 'seed']) {
    const text = get(key);
    if (text === null) continue;
    const { value, notice } = parseValue(BY_KEY[key], text);
    settings = key === 'dataset' ? withDataset(settings, value) : { ...settings, [key]: value };
    if (notice) notices.push(notice);
  }
  let controls;
  const list = get('controls');
  if (list !== null) {
    controls = list.trim() === 'none' || list.trim() === '' ? [] : list.split(',').map((k) => k.trim());
    const own = figure.entry.viewControls ?? [];
    const unknown = controls.filter((k) => !BY_KEY[k] && !own.includes(k));
    if (unknown.length)
      return {
        error: `${TAG}: controls="${list}" names ${unknown.map((k) => `"${k}"`).join(', ')}, which is not a setting${own.length ? ` or one of this figure's own (${own.join(', ')})` : ''}; allowed are ${[...SETTINGS.map((s) => s.key), ...own].join(', ')}, or none`,
      };
  }
  let height = 220;
  const heightText = get('height');
  if (heightText !== null) {
    const h = Number(heightText);
    height = Number.isFinite(h) ? Math.round(Math.min(800, Math.max(120, h))) : 220;
    if (height !== h)
      notices.push(`height = "${heightText.slice(0, 20)}" is not a number from 120 to 800; using ${height}`);
  }
  return {
    name,
    entry: figure.entry,
    View: figure.View,
    settings: constrain(settings, notices),
    controls,
    height,
    autoplay: get('autoplay') !== null,
    compact: get('compact') !== null,
    notices,
  };
}
