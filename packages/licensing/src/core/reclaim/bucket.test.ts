import { describe, expect, it } from 'vitest';
import { bucketOf, DAY_MS, lastUseMs } from './bucket.js';
import type { ReclaimUserFacts, SignInActivity } from './types.js';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const daysAgo = (days: number, extraMs = 0): string => new Date(NOW - days * DAY_MS - extraMs).toISOString();
const criteria = { inactiveDays: 90, graceDays: 30 };
const noSignIn: SignInActivity = {
  lastSignInDateTime: null,
  lastNonInteractiveSignInDateTime: null,
  lastSuccessfulSignInDateTime: null,
};

function user(facts: Partial<ReclaimUserFacts>): ReclaimUserFacts {
  return {
    id: '00000000-0000-0000-0000-000000000001',
    userPrincipalName: 'u@contoso.onmicrosoft.com',
    accountEnabled: true,
    createdDateTime: daysAgo(400),
    signInActivity: noSignIn,
    licenses: [],
    ...facts,
  };
}

describe('bucketOf: grace period for new accounts', () => {
  it('excludes an account created one millisecond inside the grace period, even with sign-in blocked', () => {
    const created = daysAgo(30, -1);
    expect(bucketOf(user({ createdDateTime: created }), criteria, NOW)).toEqual({
      excluded: 'inGracePeriod',
    });
    expect(bucketOf(user({ createdDateTime: created, accountEnabled: false }), criteria, NOW)).toEqual({
      excluded: 'inGracePeriod',
    });
  });
  it('takes an account created exactly graceDays ago out of the grace period', () => {
    expect(bucketOf(user({ createdDateTime: daysAgo(30) }), criteria, NOW)).toEqual({ bucket: 'never' });
  });
  it('with graceDays 0 nobody is in the grace period', () => {
    expect(bucketOf(user({ createdDateTime: daysAgo(0) }), { ...criteria, graceDays: 0 }, NOW)).toEqual({
      bucket: 'never',
    });
  });
  it('treats an unreadable createdDateTime as recent (never reclaimed on a guess)', () => {
    expect(bucketOf(user({ createdDateTime: 'soon' }), criteria, NOW)).toEqual({ excluded: 'inGracePeriod' });
  });
});

describe('bucketOf: disabled', () => {
  it('puts a blocked account in disabled whatever its sign-ins, and without sign-in data', () => {
    const recent = { ...noSignIn, lastSuccessfulSignInDateTime: daysAgo(1) };
    expect(bucketOf(user({ accountEnabled: false, signInActivity: recent }), criteria, NOW)).toEqual({
      bucket: 'disabled',
    });
    expect(bucketOf(user({ accountEnabled: false, signInActivity: undefined }), criteria, NOW)).toEqual({
      bucket: 'disabled',
    });
  });
  it('without sign-in data an enabled account is not judged', () => {
    expect(bucketOf(user({ signInActivity: undefined }), criteria, NOW)).toEqual({
      excluded: 'noSignInData',
    });
  });
});

describe('bucketOf: never', () => {
  it('no sign-in recorded since creation (after Graph started recording) is never; null activity too', () => {
    expect(bucketOf(user({ createdDateTime: daysAgo(31) }), criteria, NOW)).toEqual({ bucket: 'never' });
    expect(bucketOf(user({ signInActivity: null }), criteria, NOW)).toEqual({ bucket: 'never' });
  });
  it('an account older than Graph records (April 2020), or of unknown age, with no sign-in recorded is never', () => {
    expect(bucketOf(user({ createdDateTime: '2019-05-01T00:00:00Z' }), criteria, NOW)).toEqual({
      bucket: 'never',
    });
    expect(bucketOf(user({ createdDateTime: null }), criteria, NOW)).toEqual({ bucket: 'never' });
  });
});

describe('bucketOf: dormant', () => {
  it('a successful sign-in exactly inactiveDays ago is dormant; one millisecond later is active', () => {
    const at = (ms: number) => ({ ...noSignIn, lastSuccessfulSignInDateTime: daysAgo(90, ms) });
    expect(bucketOf(user({ signInActivity: at(0) }), criteria, NOW)).toEqual({ bucket: 'dormant' });
    expect(bucketOf(user({ signInActivity: at(-1) }), criteria, NOW)).toEqual({ excluded: 'active' });
  });
  it('a user with only non-interactive sign-ins is active (an interactive-only look would flag them)', () => {
    const appOnly = { ...noSignIn, lastNonInteractiveSignInDateTime: daysAgo(2) };
    expect(bucketOf(user({ signInActivity: appOnly }), criteria, NOW)).toEqual({ excluded: 'active' });
  });
  it('an old interactive sign-in with a recent non-interactive one is active', () => {
    const mixed = {
      ...noSignIn,
      lastSignInDateTime: daysAgo(200),
      lastNonInteractiveSignInDateTime: daysAgo(89),
    };
    expect(bucketOf(user({ signInActivity: mixed }), criteria, NOW)).toEqual({ excluded: 'active' });
  });
  it('a recent failed attempt does not hide an old last successful sign-in', () => {
    const failedLately = {
      lastSignInDateTime: daysAgo(1),
      lastNonInteractiveSignInDateTime: daysAgo(3),
      lastSuccessfulSignInDateTime: daysAgo(120),
    };
    expect(bucketOf(user({ signInActivity: failedLately }), criteria, NOW)).toEqual({ bucket: 'dormant' });
  });
  it('an unreadable sign-in date counts as recent', () => {
    const bad = { ...noSignIn, lastSignInDateTime: 'yesterday' };
    expect(bucketOf(user({ signInActivity: bad }), criteria, NOW)).toEqual({ excluded: 'active' });
  });
});

describe('lastUseMs', () => {
  it('prefers lastSuccessfulSignInDateTime, else the latest attempt of either kind, else null', () => {
    const evidence = {
      createdDateTime: null,
      lastSignInDateTime: '2026-01-02T00:00:00Z',
      lastNonInteractiveSignInDateTime: '2026-03-04T00:00:00Z',
      lastSuccessfulSignInDateTime: null,
    };
    expect(lastUseMs(evidence)).toBe(Date.parse('2026-03-04T00:00:00Z'));
    expect(lastUseMs({ ...evidence, lastSuccessfulSignInDateTime: '2025-01-01T00:00:00Z' })).toBe(
      Date.parse('2025-01-01T00:00:00Z'),
    );
    expect(lastUseMs({ ...evidence, lastSignInDateTime: null, lastNonInteractiveSignInDateTime: null })).toBe(
      null,
    );
  });
});
