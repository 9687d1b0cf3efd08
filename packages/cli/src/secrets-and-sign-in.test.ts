import { createPrivateKey } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { testCertificate } from '@entra-licensing/graph-emulator/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliEmulator, SECRET, seedIds, startCliEmulator } from './test-support/cli-emulator.js';
import { type CliRun, runCli } from './test-support/run-cli.js';

let t: CliEmulator;
const outputs: string[] = [];

async function run(args: string[], env: Record<string, string>): Promise<CliRun> {
  const result = await runCli(args, env);
  outputs.push(result.stdout, result.stderr);
  return result;
}

function errorsOf(result: CliRun): Record<string, unknown>[] {
  return (JSON.parse(result.stdout) as { errors: Record<string, unknown>[] }).errors;
}

beforeAll(async () => {
  t = await startCliEmulator();
  writeFileSync(
    t.file('ok.yaml'),
    ['groups:', '  - group: Sales', '    licenses: [Microsoft 365 E3]', ''].join('\n'),
  );
  // a file that makes the CLI print what the user wrote, here the secret itself as a group name
  writeFileSync(
    t.file('echo.yaml'),
    ['groups:', `  - group: "${SECRET}"`, '    licenses: [SPE_E3]', ''].join('\n'),
  );
  writeFileSync(
    t.file('bad.yaml'),
    ['groups:', '  - group: Sales', '    licenses: [SPE_E33]', ''].join('\n'),
  );
});
afterAll(async () => {
  await t?.stop();
});

describe('no secret or token in any output', () => {
  it('every command, on success and on error, with a known client secret', async () => {
    const ok = t.file('ok.yaml');
    const env = t.env;
    const ep = t.endpoint;
    const results = [
      await run(['--help'], env),
      await run(['skus', ...ep], env),
      await run(['skus', '--json', ...ep], env),
      await run(['export', '--users', ...ep], env),
      await run(['export', '--json', ...ep], env),
      await run(['plan', ok, ...ep], env),
      await run(['plan', ok, '--json', ...ep], env),
      await run(['apply', ok, '--auto-approve', '--wait', ...ep], env),
      await run(['wait', 'Sales', ...ep], env),
      await run(['wait', 'Sales', '--json', ...ep], env),
      await run(['plan', t.file('bad.yaml'), ...ep], env),
      await run(['plan', t.file('echo.yaml'), ...ep], env),
      await run(['plan', t.file('echo.yaml'), '--json', ...ep], env),
      await run(['wait', SECRET, ...ep], env),
      await run(['skus', '--graph-base-url', 'http://127.0.0.1:9', '--login-base-url', t.emulator.url], env),
      await run(['skus', '--graph-base-url', `https://user:${SECRET}@example.com`], env),
      await run(['skus', '--emulator'], {}),
      await run(['plan', ok, '--emulator', '--json'], {}),
    ];
    expect(results.map((r) => r.code)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0]);
    // the echoed secret was replaced, not dropped silently
    expect(errorsOf(results[12] as CliRun)[0]).toMatchObject({
      field: 'groups[0].group',
      value: '[redacted]',
    });
  });

  it('a wrong secret fails the sign-in, named as such, and is not shown', async () => {
    const wrong = 'wrong~Secret~0123456789abcdefghij';
    const env = { ...t.env, AZURE_CLIENT_SECRET: wrong };
    const text = await run(['skus', ...t.endpoint], env);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain(
      'Sign-in failed: check AZURE_TENANT_ID, AZURE_CLIENT_ID and the secret or certificate.',
    );
    const json = await run(['plan', t.file('ok.yaml'), '--json', ...t.endpoint], env);
    expect(json.code).toBe(1);
    expect(errorsOf(json).length).toBe(1);
    for (const output of [text.stdout, text.stderr, json.stdout, json.stderr])
      expect(output).not.toContain(wrong);
  });

  it('a certificate passphrase and key are never shown', async () => {
    const pem = t.file('cert.pem');
    writeFileSync(pem, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const passphrase = 'pass~phrase~4711-secret';
    const env = {
      AZURE_TENANT_ID: t.emulator.tenantId,
      AZURE_CLIENT_ID: seedIds.apps.licensingAdmin.clientId,
      AZURE_CLIENT_CERTIFICATE_PATH: pem,
      AZURE_CLIENT_CERTIFICATE_PASSWORD: passphrase,
    };
    const result = await run(['skus', '--json', ...t.endpoint], env);
    expect(result.code).toBe(1);
    expect(errorsOf(result)).toEqual([
      expect.objectContaining({
        code: 'CERTIFICATE_INVALID',
        field: 'AZURE_CLIENT_CERTIFICATE_PATH',
        value: pem,
      }),
    ]);
    expect(result.stdout + result.stderr).not.toContain(passphrase);
  });

  it('after all of the above: the secret and no JWT in any stdout or stderr', () => {
    expect(outputs.length).toBeGreaterThan(40);
    for (const output of outputs) {
      expect(output).not.toContain(SECRET);
      expect(output).not.toMatch(/eyJ[\w-]*\.[\w-]*\./);
    }
  });
});

describe('certificate sign-in (AZURE_CLIENT_CERTIFICATE_PATH, a PEM with key and certificate)', () => {
  const certEnv = (pemPath: string, extra: Record<string, string> = {}) => ({
    AZURE_TENANT_ID: t.emulator.tenantId,
    AZURE_CLIENT_ID: seedIds.apps.licensingAdmin.clientId,
    AZURE_CLIENT_CERTIFICATE_PATH: pemPath,
    ...extra,
  });

  it('signs in with the key and certificate of one PEM file, as @azure/identity reads it', async () => {
    const pem = t.file('app.pem');
    writeFileSync(pem, `${testCertificate.privateKeyPem}\n${testCertificate.certificatePem}\n`);
    const before = t.emulator.requests().length;
    const result = await run(['skus', '--json', ...t.endpoint], certEnv(pem));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { skuPartNumber: string }[]).map((s) => s.skuPartNumber)).toContain(
      'SPE_E3',
    );
    expect(t.emulator.requests().length).toBeGreaterThan(before);
    expect(result.stdout).not.toContain('PRIVATE KEY');
  });

  it('an encrypted key with AZURE_CLIENT_CERTIFICATE_PASSWORD; a wrong passphrase is named, never shown', async () => {
    const passphrase = 'cert~passphrase~0815-secret';
    const encrypted = createPrivateKey(testCertificate.privateKeyPem)
      .export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase })
      .toString();
    const pem = t.file('encrypted.pem');
    writeFileSync(pem, `${testCertificate.certificatePem}\n${encrypted}`);
    const ok = await run(
      ['skus', '--json', ...t.endpoint],
      certEnv(pem, { AZURE_CLIENT_CERTIFICATE_PASSWORD: passphrase }),
    );
    expect(ok.code).toBe(0);
    const wrong = await run(
      ['skus', '--json', ...t.endpoint],
      certEnv(pem, { AZURE_CLIENT_CERTIFICATE_PASSWORD: 'not-the-passphrase' }),
    );
    expect(wrong.code).toBe(1);
    expect(errorsOf(wrong).map((e) => [e.code, e.field])).toEqual([
      ['INVALID_OPTION', 'AZURE_CLIENT_CERTIFICATE_PASSWORD'],
    ]);
    const none = await run(['skus', '--json', ...t.endpoint], certEnv(pem));
    expect(errorsOf(none).map((e) => [e.code, e.field])).toEqual([
      ['INVALID_OPTION', 'AZURE_CLIENT_CERTIFICATE_PASSWORD'],
    ]);
    for (const r of [ok, wrong, none]) {
      expect(r.stdout + r.stderr).not.toContain(passphrase);
      expect(r.stdout + r.stderr).not.toContain('ENCRYPTED PRIVATE KEY');
    }
  });
});

describe('sign-in from the environment, checked before any request', () => {
  it('names each missing variable', async () => {
    const result = await run(['skus', '--json', ...t.endpoint], {});
    expect(result.code).toBe(1);
    expect(errorsOf(result).map((e) => [e.code, e.field])).toEqual([
      ['SIGN_IN_MISSING', 'AZURE_TENANT_ID'],
      ['SIGN_IN_MISSING', 'AZURE_CLIENT_ID'],
      ['SIGN_IN_MISSING', 'AZURE_CLIENT_SECRET'],
    ]);
  });

  it('names a malformed tenant or client id with its value, and sends nothing', async () => {
    const before = t.emulator.requests().length;
    const result = await run(['skus', '--json', ...t.endpoint], {
      AZURE_TENANT_ID: 'contoso',
      AZURE_CLIENT_ID: '1111111-1111-1111-1111-111111111111',
      AZURE_CLIENT_SECRET: SECRET,
    });
    expect(result.code).toBe(1);
    expect(errorsOf(result).map((e) => [e.code, e.field, e.value])).toEqual([
      ['SIGN_IN_INVALID', 'AZURE_TENANT_ID', 'contoso'],
      ['SIGN_IN_INVALID', 'AZURE_CLIENT_ID', '1111111-1111-1111-1111-111111111111'],
    ]);
    expect(t.emulator.requests().length).toBe(before);
  });

  it('refuses an unknown cloud and a bad endpoint by option name', async () => {
    const cloud = await run(['skus', '--cloud', 'mars'], t.env);
    expect(cloud.code).toBe(1);
    expect(cloud.stderr).toContain(
      "error: option '--cloud <name>' argument 'mars' is invalid. Allowed choices are",
    );
    const url = await run(['skus', '--json', '--graph-base-url', 'not a url'], t.env);
    expect(url.code).toBe(1);
    expect(errorsOf(url).map((e) => [e.code, e.field])).toEqual([['INVALID_OPTION', '--graph-base-url']]);
  });

  it('AZURE_AUTHORITY_HOST is the login host when --login-base-url is not given', async () => {
    const result = await run(['skus', '--json', '--graph-base-url', t.emulator.url], {
      ...t.env,
      AZURE_AUTHORITY_HOST: `${t.emulator.url}/`,
    });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as unknown[]).length).toBeGreaterThan(5);
  });
});
