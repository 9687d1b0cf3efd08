import { describe, expect, it } from 'vitest';
import { choosePacer, DEFAULT_PACING } from './choose-pacer.js';
import { SignalPacer } from './signal-pacer.js';

describe('choosePacer', () => {
  it('false means no pacer; true and undefined the default; a pacer attached with withPacer wins', () => {
    expect(choosePacer(false)).toBeUndefined();
    expect(DEFAULT_PACING).toBe('signal');
    expect(choosePacer(undefined)).toBeInstanceOf(SignalPacer);
    expect(choosePacer(true)).toBeInstanceOf(SignalPacer);
    const custom = new SignalPacer({ burstInFlight: 3 });
    expect(choosePacer(undefined, () => custom)).toBe(custom);
    expect(choosePacer(false, () => custom)).toBe(custom);
    expect(choosePacer('signal')).toBeInstanceOf(SignalPacer);
  });
});
