// Chart names for screen readers (web/views/speakable.js): the lab's symbols in words, numbers kept readable.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { speakable, spokenNumber } from '../../web/views/speakable.js';

test('symbols a screen reader would drop or say alike come out in words', () => {
  assert.equal(speakable('ẑ = (z − μ)/√(σ² + ε)'), 'z-hat = (z − mean)/square root of (variance + epsilon)');
  assert.equal(speakable('z̃ = γẑ + β'), 'z-tilde = gamma times z-hat + beta');
  assert.equal(speakable('σ²_B and μ_B'), 'batch variance and batch mean');
  assert.equal(speakable('‖W₁‖'), 'length of W1');
  assert.equal(
    speakable('no batch norm p15 -0.04, p85 0.04'),
    'no batch norm 15th percentile -0.04, 85th percentile 0.04',
  );
  assert.equal(speakable('inputs with |u| < 1'), 'inputs with u between −1 and 1');
});

test('numbers keep three significant digits, whole ones (steps, counts) all of theirs, tiny ones in exponent form', () => {
  assert.equal(spokenNumber(0.0633), '0.0633');
  assert.equal(spokenNumber(90028), '90,028');
  assert.equal(spokenNumber(1234.5), '1,230');
  assert.equal(spokenNumber(2.1e-9), '2.1e-9');
  assert.equal(spokenNumber(0.000356), '0.000356');
  assert.equal(spokenNumber(NaN), 'none');
});
