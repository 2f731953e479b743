import assert from 'node:assert/strict';
import type { Page } from '../../support/http.ts';
import { activeContent, type Payload } from './hostile-corpus.ts';

/** How a submission of a hostile value ended. */
export type Verdict = 'stored' | 'refused';

/**
 * Checks one answer to a hostile submission: never a 5xx; a 4xx must say what was wrong (a field
 * error or an alert on the page, or a JSON error code); and the page itself must be inert.
 */
export function judge(page: Page, payload: Payload, where: string): Verdict {
  const context = `${where} with ${payload.label} ${JSON.stringify(payload.value.slice(0, 60))}`;
  assert.ok(page.status < 500, `${context}: ${page.status}`);
  if (page.status >= 400) {
    const json = String(page.headers['content-type'] ?? '').includes('json');
    if (json) assert.match(page.body, /"code":"[A-Z_]+"/, `${context}: no error code`);
    else
      assert.ok(
        page.dom.querySelector('[role=alert], [id$="-error"], .error-page p'),
        `${context}: refused without saying why`,
      );
  }
  const type = String(page.headers['content-type'] ?? '');
  if (type.includes('text/html')) assertInert(page.body, context);
  // JSON carries the payload as data; it must never be sniffed into HTML.
  else assert.equal(page.headers['x-content-type-options'], 'nosniff', `${context}: sniffable ${type}`);
  return page.status >= 400 ? 'refused' : 'stored';
}

export function assertInert(html: string, context: string): void {
  assert.deepEqual(activeContent(html), [], `${context}: active content in the page`);
}

/**
 * What a text field should hold after storing the value: the value as typed, trimmed where the
 * field trims. Anything else (a payload "cleaned" into something else) is a failure: stored
 * values are escaped on output, never rewritten on input.
 */
export function assertStoredVerbatim(
  stored: string | null | undefined,
  payload: Payload,
  where: string,
  trim = true,
) {
  // Lone surrogates cannot be encoded in UTF-8: the database keeps U+FFFD in their place.
  const wellFormed = payload.value.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
  const want = trim ? wellFormed.trim() : wellFormed;
  assert.equal(stored, want, `${where}: ${payload.label} was not stored as typed`);
}
