// Form controls generated from the settings table: a labelled select, slider or checkbox per setting,
// grouped in fieldsets. Calls onChange(key, value) when the reader changes one; set() shows new values.
import { SETTINGS } from '../state/settings.js';
import { button, element } from './dom.js';

const GROUPS = {
  data: 'Data',
  training: 'Training',
  network: 'Network',
  batchnorm: 'Batch normalization',
  run: 'Run',
  anatomy: 'Anatomy',
};
const STEPS = 1000; // resolution of log-scale sliders

// Three significant digits: slider values a reader can read and share.
const round3 = (v) => Number(v.toPrecision(3));
const toSlider = (spec, v) =>
  spec.log ? Math.round((Math.log(v / spec.min) / Math.log(spec.max / spec.min)) * STEPS) : v;
const fromSlider = (spec, pos) => (spec.log ? round3(spec.min * (spec.max / spec.min) ** (pos / STEPS)) : Number(pos));
export const formatValue = (spec, v) =>
  spec.kind === 'enum'
    ? (spec.labels?.[v] ?? v)
    : spec.kind === 'bool'
      ? v
        ? 'on'
        : 'off'
      : Math.abs(v) < 0.001 && v !== 0
        ? v.toExponential(0)
        : String(v);

export class Controls {
  #inputs = new Map();
  #show = new Map(); // key → (value) => shows it beside the slider and in aria-valuetext

  /**
   * groups: which groups to show (default all), or keys: just these settings, in one unlabelled row;
   * onChange(key, value).
   */
  constructor(container, { groups = Object.keys(GROUPS), keys = null, onChange, idPrefix = 'bnp' }) {
    if (keys) {
      const row = document.createElement('div');
      row.className = 'controls-row';
      for (const key of keys)
        row.append(
          this.#field(
            SETTINGS.find((s) => s.key === key),
            onChange,
            idPrefix,
          ),
        );
      container.append(row);
      return;
    }
    for (const group of groups) {
      const fieldset = document.createElement('fieldset');
      fieldset.className = `controls-${group}`;
      const legend = document.createElement('legend');
      legend.textContent = GROUPS[group];
      fieldset.append(legend);
      for (const spec of SETTINGS.filter((s) => s.group === group))
        fieldset.append(this.#field(spec, onChange, idPrefix));
      container.append(fieldset);
    }
  }

  #field(spec, onChange, idPrefix) {
    const id = `${idPrefix}-${spec.key}`;
    const row = document.createElement('div');
    row.className = 'control';
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = spec.label;
    let input,
      output = null;
    if (spec.kind === 'enum') {
      input = document.createElement('select');
      for (const option of spec.options) input.append(new Option(spec.labels?.[option] ?? option, option));
      input.addEventListener('change', () => onChange(spec.key, input.value));
    } else if (spec.kind === 'bool') {
      input = document.createElement('input');
      input.type = 'checkbox';
      input.addEventListener('change', () => onChange(spec.key, input.checked));
      row.classList.add('checkbox');
    } else if (spec.field === 'number') {
      // A number typed in, with a button for a fresh random one (a seed is an identity, not a quantity to slide).
      input = document.createElement('input');
      input.type = 'number';
      input.min = spec.min;
      input.max = spec.max;
      input.step = 1;
      input.addEventListener('change', () => onChange(spec.key, Number(input.value)));
      output = document.createElement('button');
      output.type = 'button';
      output.className = 'new-value';
      output.textContent = `new ${spec.label.toLowerCase()}`;
      output.addEventListener('click', () => onChange(spec.key, 1 + Math.floor(Math.random() * spec.max)));
    } else {
      input = document.createElement('input');
      input.type = 'range';
      input.min = spec.log ? 0 : spec.min;
      input.max = spec.log ? STEPS : spec.max;
      input.step = spec.log ? 1 : (spec.step ?? 'any');
      output = document.createElement('output');
      output.htmlFor = id;
      // An <output> is a live region: it would say each value a second time after the slider's own valuetext.
      output.setAttribute('aria-hidden', 'true');
      // What a screen reader announces: the value the slider stands for (a log slider's position, 695, is not it).
      const show = (value) => {
        output.textContent = formatValue(spec, value);
        input.setAttribute('aria-valuetext', output.textContent);
      };
      this.#show.set(spec.key, show);
      input.addEventListener('input', () => show(fromSlider(spec, input.value)));
      input.addEventListener('change', () => onChange(spec.key, fromSlider(spec, input.value)));
    }
    input.id = id;
    input.name = spec.key;
    this.#inputs.set(spec.key, { spec, input, output });
    row.append(spec.help ? this.#withHelp(spec, id, label, input, row) : label, input);
    if (output) row.append(output);
    return row;
  }

  // The setting's one-line explanation: on hover (title), while its input has focus, and on a tap of "?" (phones
  // have no hover). It says, too, whether changing the setting restarts training.
  #withHelp(spec, id, label, input, row) {
    const restarts = spec.rebuild !== false && !spec.live;
    const tip = element('small', 'control-help', `${spec.help}${restarts ? ' Changing it restarts training.' : ''}`);
    tip.id = `${id}-help`;
    tip.hidden = true;
    label.title = tip.textContent;
    input.setAttribute('aria-describedby', tip.id);
    let pinned = false;
    const info = button('?', () => {
      pinned = tip.hidden;
      tip.hidden = !pinned;
      info.setAttribute('aria-expanded', String(pinned));
    });
    info.className = 'help-toggle';
    info.setAttribute('aria-label', `what ${spec.label} means`);
    info.setAttribute('aria-expanded', 'false');
    info.setAttribute('aria-controls', tip.id);
    // Shown on keyboard focus only: shown on a mouse press, it moved the control away before the click ended.
    input.addEventListener('focus', () => input.matches(':focus-visible') && (tip.hidden = false));
    input.addEventListener('blur', () => (tip.hidden = !pinned));
    row.append(tip);
    const head = element('span', 'control-head');
    head.append(label, info);
    return head;
  }

  /** Shows `text` under the control of `key` (or clears it with ''); false when this panel has no such control. */
  notice(key, text) {
    const field = this.#inputs.get(key);
    if (!field) return false;
    const row = field.input.closest('.control');
    let box = row.querySelector('.control-notice');
    if (!box) {
      box = row.appendChild(element('small', 'control-notice'));
      box.setAttribute('role', 'status');
    }
    box.textContent = text;
    box.hidden = !text;
    return true;
  }

  set(settings) {
    for (const [key, { spec, input }] of this.#inputs) {
      const v = settings[key];
      // A setting bounded by another (the anatomy's layer by the depth, its unit by the width) slides only that far.
      if (spec.maxFrom && !spec.log) input.max = Math.min(spec.max, settings[spec.maxFrom]);
      if (spec.kind === 'bool') input.checked = v;
      else if (spec.kind === 'enum') input.value = v;
      else if (spec.field === 'number') input.value = v;
      else {
        input.value = toSlider(spec, v);
        this.#show.get(key)(v);
      }
    }
  }
}
