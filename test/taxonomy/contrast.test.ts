import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkContrast,
  contrastRatio,
  normalizeColor,
  relativeLuminance,
  suggestTextColor,
} from '../../src/modules/taxonomy/contrast.ts';
import { reorder } from '../../src/modules/taxonomy/taxonomy-common.ts';
import { checkNames, mergeTexts, resolveText } from '../../src/modules/taxonomy/translations.ts';

describe('label colour contrast (WCAG)', () => {
  it('gives black and white the extreme luminances and a ratio of 21:1', () => {
    assert.equal(relativeLuminance('#000000'), 0);
    assert.equal(relativeLuminance('#ffffff'), 1);
    assert.equal(contrastRatio('#000000', '#ffffff'), 21);
    assert.equal(contrastRatio('#ffffff', '#000000'), 21, 'order does not matter');
    assert.equal(contrastRatio('#777777', '#777777'), 1);
  });

  it('matches published WCAG ratios', () => {
    // Reference values from the WebAIM contrast checker.
    assert.equal(Math.round(contrastRatio('#767676', '#ffffff') * 100) / 100, 4.54);
    assert.equal(Math.round(contrastRatio('#777777', '#ffffff') * 100) / 100, 4.48);
    assert.equal(Math.round(contrastRatio('#0000ff', '#ffffff') * 100) / 100, 8.59);
  });

  it('warns below 4.5:1 without rounding a failure up to a pass', () => {
    const fail = checkContrast('#777777', '#ffffff');
    assert.equal(fail.ok, false);
    assert.equal(fail.ratio, 4.4, 'shown rounded down');
    const pass = checkContrast('#767676', '#ffffff');
    assert.equal(pass.ok, true);
    assert.equal(pass.ratio, 4.5);
  });

  it('suggests black text on light backgrounds and white on dark ones', () => {
    assert.equal(suggestTextColor('#ffff00'), '#000000');
    assert.equal(suggestTextColor('#cccccc'), '#000000');
    assert.equal(suggestTextColor('#1e3a8a'), '#ffffff');
    assert.equal(suggestTextColor('#860d0d'), '#ffffff');
    assert.equal(checkContrast('#860d0d', '#333333').suggestion, '#ffffff');
  });

  it('accepts only #rrggbb colours and stores them in lower case', () => {
    assert.equal(normalizeColor(' #1E3A8A '), '#1e3a8a');
    for (const bad of ['1e3a8a', '#abc', '#12345g', 'red', '#1234567', '', null, 42, 'url(x)'])
      assert.equal(normalizeColor(bad), undefined, String(bad));
  });
});

describe('translated names', () => {
  it('falls back to the default locale, then English, and says so', () => {
    assert.deepEqual(resolveText({ en: 'Billing', de: 'Abrechnung' }, 'de', 'en'), {
      text: 'Abrechnung',
      locale: 'de',
      fallback: false,
    });
    assert.deepEqual(resolveText({ de: 'Abrechnung' }, 'en', 'de'), {
      text: 'Abrechnung',
      locale: 'de',
      fallback: true,
    });
    assert.equal(resolveText({}, 'en', 'en'), undefined);
  });

  it('merges a patch: text sets, empty or null removes, absent keeps', () => {
    const errors = {};
    const merged = mergeTexts({ en: 'A', de: 'B' }, { en: '  New  ', de: '' }, 'names', 80, errors);
    assert.deepEqual(merged, { en: 'New' });
    assert.deepEqual(mergeTexts({ en: 'A', de: 'B' }, { en: null }, 'names', 80, errors), { de: 'B' });
    assert.deepEqual(mergeTexts({ en: 'A', de: 'B' }, {}, 'names', 80, errors), { en: 'A', de: 'B' });
    assert.deepEqual(errors, {});
  });

  it('reports unknown locales, over-long names, a missing default name and duplicates', () => {
    const errors: Record<string, string> = {};
    const names = mergeTexts({}, { xx: 'Hi', de: 'x'.repeat(81) }, 'names', 80, errors);
    checkNames(names, 'en', [], errors);
    assert.deepEqual(errors, {
      'names.xx': 'error.field.invalid',
      'names.de': 'error.taxonomy.namesLength',
      'names.en': 'error.taxonomy.defaultName',
    });
    const dup: Record<string, string> = {};
    checkNames({ en: 'billing ', de: 'Neu' }, 'en', [{ locale: 'en', name: 'Billing' }], dup);
    assert.deepEqual(
      dup,
      { 'names.en': 'error.taxonomy.nameTaken' },
      'case and spacing do not make a new name',
    );
  });

  it('reorders a list by moving one id to an index, clamped', () => {
    assert.deepEqual(reorder([1, 2, 3, 4], 3, 0), [3, 1, 2, 4]);
    assert.deepEqual(reorder([1, 2, 3, 4], 1, 2), [2, 3, 1, 4]);
    assert.deepEqual(reorder([1, 2, 3, 4], 2, 99), [1, 3, 4, 2]);
  });
});
