import { describe, expect, it } from 'vitest';
import { type LicenseIntent, resolveIntent } from './intent.js';
import { LicensingError } from './licensing-error.js';

function failure(intent: unknown): LicensingError {
  try {
    resolveIntent(intent as LicenseIntent);
  } catch (error) {
    if (error instanceof LicensingError) return error;
    throw error;
  }
  throw new Error('expected a LicensingError');
}

describe('intents of the wrong shape (what an n8n expression can hand over)', () => {
  it.each([
    ['a string where a list is expected', { action: 'assign', skus: 'SPE_E3' }, 'skus', '"SPE_E3"'],
    ['a number where a list is expected', { action: 'remove', skus: 42 }, 'skus', '42'],
    ['an unknown action', { action: 'grant', skus: ['SPE_E3'] }, 'action', '"grant"'],
    ['no intent at all', null, 'intent', 'null'],
    ['a SKU entry of the wrong type', { action: 'assign', skus: [{ id: 'x' }] }, 'skus[0]', '{"id":"x"}'],
  ])('%s: the message names the field and shows the value', (_name, intent, field, shown) => {
    const error = failure(intent);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
    expect(error.message).toContain(shown);
  });

  it('shortens a huge value in the message but keeps it whole on the error', () => {
    const skus = 'x'.repeat(500);
    const error = failure({ action: 'assign', skus });
    expect(error.message.length).toBeLessThan(200);
    expect(error.value).toBe(skus);
  });
});
