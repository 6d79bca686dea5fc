// A figure's frame: title and caption, the toolbar (Play, Step, Reset, a step counter and a rate) when it
// trains, a box for its controls, the body its view draws into, and a status line for errors (notices about
// settings go where the page puts them). It only shows things; what the buttons do is the figure's
// (web/figures/figure.js).
import { captionText, figureSettings } from '../state/figures.js';
import { BY_KEY, defaults } from '../state/settings.js';
import { formatValue } from '../views/controls.js';
import { button, element } from '../views/dom.js';
import { Numbers } from './numbers.js';

/** The caption behind an "About this figure" toggle (compact figures). */
function folded(paragraph) {
  const details = element('details', 'bnp-about');
  details.append(element('summary', null, 'About this figure'), paragraph);
  return details;
}

export class Frame {
  /**
   * entry: the figure's table entry; compact: the caption folds; parts: elements the page already has
   * ({ root, toolbar, status, notices }: the page's own figure passes them, and then the frame makes no title,
   * caption, controls box or body of its own); actions: { play, step, reset } for the toolbar's buttons.
   */
  constructor(container, { entry, settings, height, compact, parts, actions, toolbar }) {
    const own = !parts.root;
    this.root = parts.root ?? element('figure', 'bnp-figure');
    this.entry = entry;
    if (own) {
      this.caption = element('p', 'bnp-explain', captionText(entry, settings));
      this.captionNote = element('p', 'bnp-caption-note');
      this.captionNote.hidden = true;
      const heading = element('h3', 'bnp-title', entry.title);
      heading.id = 'bnp-title';
      this.root.setAttribute('aria-labelledby', heading.id); // the figure is named by its title
      this.root.append(heading, compact ? folded(this.caption) : this.caption, this.captionNote);
    }
    this.root.style.setProperty('--bnp-height', `${height}px`); // heatmaps and contour plots are no taller than the charts
    if (toolbar) this.#toolbar(parts.toolbar ?? this.root.appendChild(element('div', 'bnp-toolbar')), actions);
    this.controlsBox = own ? this.root.appendChild(element('div', 'bnp-controls')) : null;
    this.body = own ? this.root.appendChild(element('div', 'bnp-body')) : this.root;
    // Its numbers as tables and CSV, and the live region that says at checkpoints what it shows: under the
    // figure, or where the page puts them (parts.numbers: { box, source, name }; the page's charts are in its panels).
    this.numbers = own
      ? new Numbers(this.root, { name: entry.name, source: this.body })
      : parts.numbers
        ? new Numbers(parts.numbers.box, parts.numbers)
        : null;
    this.status = parts.status ?? this.root.appendChild(element('p', 'bnp-status'));
    this.status.setAttribute('role', 'status');
    this.noticeBox = parts.notices ?? null;
    if (own) container.append(this.root);
  }

  // Buttons found in the toolbar by data-role (the page declares its own in HTML), made where missing.
  #toolbar(bar, actions) {
    const find = (role, make) => {
      const found = bar.querySelector(`[data-role="${role}"]`);
      if (found) return found;
      const made = bar.appendChild(make());
      made.dataset.role = role;
      return made;
    };
    const take = (role, label, onClick) => {
      const b = find(role, () => button(label, () => {}));
      b.addEventListener('click', onClick);
      return b;
    };
    this.playButton = take('play', 'Play', actions.play);
    take('step', 'Step', actions.step);
    take('reset', 'Reset', actions.reset);
    const counter = bar.querySelector('[data-role="counter"]');
    this.counterPrefix = counter ? '' : 'step ';
    this.counter = counter ?? find('counter', () => element('span', 'bnp-counter', 'step 0'));
    this.rate = bar.querySelector('[data-role="rate"]');
  }

  /**
   * The caption again, with the current settings' values where it shows any; and, when the settings are not
   * the figure's defaults, a line under it that says the caption's numbers describe the defaults, what differs,
   * and a button back (onReset).
   */
  showCaption(settings, onReset) {
    if (!this.caption) return;
    this.caption.textContent = captionText(this.entry, settings);
    const base = figureSettings(this.entry, defaults());
    const changed = Object.keys(base).filter((k) => k !== 'speed' && BY_KEY[k] && settings[k] !== base[k]);
    this.captionNote.hidden = changed.length === 0;
    if (!changed.length) return this.captionNote.replaceChildren();
    const said = changed.map((k) => {
      const spec = BY_KEY[k];
      return `${spec.label.toLowerCase()} ${formatValue(spec, settings[k])} (default ${formatValue(spec, base[k])})`;
    });
    this.captionNote.replaceChildren(
      `The caption’s numbers are for the figure’s defaults; here ${said.join(', ')}. `,
      button('Back to the defaults', () => onReset(base)),
    );
  }

  showPlaying(playing, label) {
    if (!this.playButton) return;
    this.playButton.textContent = playing ? 'Pause' : label;
    // Its name says what a press does (Play, Pause); aria-pressed as well would be heard as 'Pause, pressed'.
    this.playButton.dataset.playing = String(playing);
  }

  /** The step counter, and the rate (steps/s while playing) where the page shows one. */
  showProgress(step, playing, stepsPerSecond) {
    if (this.counter) this.counter.textContent = `${this.counterPrefix}${step.toLocaleString('en')}`;
    if (this.rate)
      this.rate.textContent = playing ? `${Math.round(stepsPerSecond).toLocaleString('en')} steps/s` : 'paused';
  }

  /** Notices about settings that were not allowed, where the figure shows them (the page: by its settings). */
  notify(notices) {
    if (!this.noticeBox) return;
    this.noticeBox.replaceChildren(...notices.map((text) => element('li', null, text)));
    this.noticeBox.hidden = notices.length === 0;
  }

  /** An error in the status line, with a button (label, onClick) that offers a way on, if given. */
  showError(message, action = null) {
    this.status.textContent = message;
    this.status.dataset.error = '';
    if (action) {
      const b = button(action.label, action.onClick);
      b.className = 'bnp-recover';
      this.status.append(' ', b);
    }
  }

  clearStatus() {
    this.status.replaceChildren();
    delete this.status.dataset.error;
  }
}
