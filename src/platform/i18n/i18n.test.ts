import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogKeys, LOCALES, negotiateLocale, translator } from './i18n.ts';

describe('i18n', () => {
  it('has the same keys in every catalog as in English', () => {
    const en = new Set(catalogKeys('en'));
    for (const locale of LOCALES) {
      const keys = new Set(catalogKeys(locale));
      assert.deepEqual(
        [...en].filter((k) => !keys.has(k)),
        [],
        `${locale} is missing keys`,
      );
      assert.deepEqual(
        [...keys].filter((k) => !en.has(k)),
        [],
        `${locale} has extra keys`,
      );
    }
  });

  it('picks the best supported language from Accept-Language', () => {
    assert.equal(negotiateLocale('de-AT,de;q=0.9,en;q=0.8'), 'de');
    assert.equal(negotiateLocale('fr-FR,fr;q=0.9,en;q=0.5'), 'en');
    assert.equal(negotiateLocale('fr'), undefined);
    assert.equal(negotiateLocale('en;q=0.1, de;q=0.9'), 'de');
    assert.equal(negotiateLocale(undefined), undefined);
  });

  it('formats plurals, numbers and money per locale', () => {
    assert.equal(translator('en').t('flash.sessionsEnded', { count: 2 }), '2 other sessions were ended.');
    assert.equal(
      translator('de').t('flash.sessionsEnded', { count: 1 }),
      'Eine andere Sitzung wurde beendet.',
    );
    assert.equal(translator('en').money(123456, 'EUR'), '€1,234.56');
    assert.equal(translator('de').money(123456, 'EUR'), '1.234,56\u00a0€');
    assert.equal(translator('en').money(500, 'JPY'), '¥500');
    assert.equal(translator('de').number(1234.5), '1.234,5');
  });

  it('formats dates in UTC per locale', () => {
    const ms = Date.UTC(2026, 0, 15, 9, 30);
    assert.match(translator('en').dateTime(ms), /Jan 15, 2026/);
    assert.match(translator('de').dateTime(ms), /15\.01\.2026/);
  });

  it('returns the key itself for an unknown message rather than throwing', () => {
    assert.equal(translator('de').t('no.such.key'), 'no.such.key');
  });
});
