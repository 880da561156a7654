// Every error code the API can answer has a Russian and an English sentence (tsc checks that the
// key exists; this checks that it says something, and that placeholders match across languages).
import { describe, expect, test } from 'vitest';
import { ERROR_CODES, errorStatus, isErrorCode } from '../../core/errors';
import { enErrors, ruErrors } from '../../web/src/i18n/errors';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('error texts', () => {
  test.each(ERROR_CODES)('%s has non-empty ru and en text', (code) => {
    expect(ruErrors[code]?.trim()).toBeTruthy();
    expect(enErrors[code]?.trim()).toBeTruthy();
    expect(placeholders(ruErrors[code])).toEqual(placeholders(enErrors[code]));
  });

  test('the Russian texts are Russian and the English texts are not', () => {
    for (const code of ERROR_CODES) {
      expect(ruErrors[code], code).toMatch(/[а-яё]/i);
      expect(enErrors[code], code).not.toMatch(/[а-яё]/i);
    }
  });

  test('no text for a code the API does not have (besides the client-side ones)', () => {
    const extra = Object.keys(ruErrors).filter((code) => !isErrorCode(code));
    expect(extra.sort()).toEqual(['NETWORK_ERROR', 'UNKNOWN']);
    expect(Object.keys(enErrors).sort()).toEqual(Object.keys(ruErrors).sort());
  });

  test('every code has an HTTP error status', () => {
    for (const code of ERROR_CODES) expect(errorStatus[code], code).toBeGreaterThanOrEqual(400);
  });
});
