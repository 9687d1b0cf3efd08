import { describe, expect, it } from 'vitest';
import { choosePacer, DEFAULT_PACING } from './choose-pacer.js';
import { LegacyPacer } from './legacy-pacer.js';
import { SignalPacer } from './signal-pacer.js';

describe('choosePacer', () => {
  it('false means no pacer; true and undefined the default; each name its pacer', () => {
    expect(choosePacer(false)).toBeUndefined();
    expect(DEFAULT_PACING).toBe('signal');
    expect(choosePacer(undefined)).toBeInstanceOf(SignalPacer);
    expect(choosePacer(true)).toBeInstanceOf(SignalPacer);
    expect(choosePacer('legacy')).toBeInstanceOf(LegacyPacer);
    expect(choosePacer('signal')).toBeInstanceOf(SignalPacer);
  });
});
