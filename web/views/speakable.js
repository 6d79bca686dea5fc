// Text for screen readers: the lab's symbols in words, since a reader says ẑ and z̃ both as "z" and skips ‖, √
// or subscripts. Used on chart names (line charts, histograms); what is shown on screen keeps its symbols.
const WORDS = [
  [/γẑ/g, 'gamma times z-hat'],
  [/ẑ/g, 'z-hat'],
  [/z̃/g, 'z-tilde'],
  [/σ²_B/g, 'batch variance'],
  [/μ_B/g, 'batch mean'],
  [/σ²/g, 'variance'],
  [/μ/g, 'mean'],
  [/√/g, 'square root of '],
  [/‖∇W‖/g, 'length of the gradient of W'],
  [/‖G − G′‖/g, 'distance between G and G-prime'],
  [/‖([^‖]+)‖/g, 'length of $1'],
  [/∇/g, 'gradient of '],
  [/÷/g, ' divided by '],
  [/γ/g, 'gamma'],
  [/β/g, 'beta'],
  [/ε/g, 'epsilon'],
  [/λ/g, 'lambda'],
  [/ΔL/g, 'change of the loss'],
  [/Δ/g, 'change of '],
  [/θ/g, 'theta'],
  [/′/g, '-prime'],
  [/[₀-₉]/g, (d) => String(d.charCodeAt(0) - 0x2080)],
  [/\bp(15|50|85)\b/g, '$1th percentile'],
  [/\|u\| < 1/g, 'u between −1 and 1'],
  [/\|u\| > 3/g, 'u beyond ±3'],
];

/** `text` with its symbols in words. */
export function speakable(text) {
  return WORDS.reduce((t, [pattern, words]) => t.replace(pattern, words), String(text));
}

/** A number to be heard: whole numbers as they are; others 3 significant digits; below 10⁻⁴, as 2.1e-9. */
export function spokenNumber(v) {
  if (!Number.isFinite(v)) return 'none';
  if (Number.isInteger(v)) return v.toLocaleString('en');
  if (v !== 0 && Math.abs(v) < 1e-4) return v.toExponential(1);
  return v.toLocaleString('en', { maximumSignificantDigits: 3 });
}
