import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { defaultSeed } from '../seed/default-seed.js';
import { useEmulator } from '../test-support/harness.js';
import { requestToken, TokenRequestError } from './index.js';

const { ids } = defaultSeed;

describe('testing kit: requestToken', () => {
  const h = useEmulator({}, false);

  it('gets a token for any seed app with its secret or with the test certificate (PS256 and RS256)', async () => {
    for (const app of Object.values(ids.apps)) {
      for (const options of [
        {},
        { credential: 'certificate' as const },
        { credential: 'certificate' as const, algorithm: 'RS256' as const },
      ]) {
        const token = await requestToken(h.emulator, app, options);
        expect(decodeJwt(token).appid).toBe(app.clientId);
      }
    }
  });

  it('throws TokenRequestError with Entra’s error and codes, without the secret', async () => {
    const wrong = { clientId: ids.apps.licensingAdmin.clientId, clientSecret: 'not-the-secret-value' };
    const error = await requestToken(h.emulator, wrong).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRequestError);
    expect((error as TokenRequestError).status).toBe(401);
    expect((error as TokenRequestError).error).toBe('invalid_client');
    expect((error as TokenRequestError).errorCodes).toEqual([7000215]);
    expect((error as TokenRequestError).message.includes('not-the-secret-value')).toBe(false);
  });
});
