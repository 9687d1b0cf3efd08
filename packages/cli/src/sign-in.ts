import { readFileSync } from 'node:fs';
import type {
  ClientCertificateCredentials,
  FetchLike,
  GraphClient,
  GraphCloud,
  GraphCredentials,
} from '@entra-licensing/graph-client';
import type { LicensingService } from '@entra-licensing/licensing';
import type { Output } from './output.js';
import { CliError, type Problem } from './problems.js';

/** The connection options every command takes. */
export interface ConnectionOptions {
  cloud?: string;
  graphBaseUrl?: string;
  loginBaseUrl?: string;
  emulator?: boolean;
  /** Transport override (not an option on the command line: `doctor` reads the token it carries). */
  fetch?: FetchLike;
}

export interface Connection {
  client: GraphClient;
  service: LicensingService;
  /** `tenant e8e9… (global cloud)` or `the embedded emulator at …`. */
  describe: string;
  close(): Promise<void>;
}

export const CLOUDS = ['global', 'usGovL4', 'usGovL5DoD', 'china'] as const;

/** The variables `@azure/identity`'s EnvironmentCredential reads for an app (service principal) sign-in. */
export const SIGN_IN_VARIABLES = [
  'AZURE_TENANT_ID',
  'AZURE_CLIENT_ID',
  'AZURE_CLIENT_SECRET',
  'AZURE_CLIENT_CERTIFICATE_PATH',
  'AZURE_CLIENT_CERTIFICATE_PASSWORD',
  'AZURE_AUTHORITY_HOST',
] as const;

export const SIGN_IN_HELP = `Sign-in (as the Azure tools do, an app registration with LicenseAssignment.ReadWrite.All,
Group.Read.All and User.Read.All; read-only commands need only the read permissions):
  AZURE_TENANT_ID                     tenant id or domain
  AZURE_CLIENT_ID                     the app's client id
  AZURE_CLIENT_SECRET                 a client secret, or
  AZURE_CLIENT_CERTIFICATE_PATH       a PEM file with the private key and the certificate
  AZURE_CLIENT_CERTIFICATE_PASSWORD   the key's passphrase, if it has one
  AZURE_AUTHORITY_HOST                login host (default: the cloud's; --login-base-url wins)`;

interface CertificatePem {
  privateKey: string;
  certificate: string;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/g;

/** Splits a PEM file as `@azure/identity` reads it: one private key (any PKCS#1/#8 form) and the certificate(s). */
export function readCertificatePem(text: string, field: string, path: string): CertificatePem {
  const blocks = [...text.matchAll(PEM_BLOCK)].map((m) => ({ label: m[1] ?? '', pem: m[0] }));
  const key = blocks.find((b) => b.label.endsWith('PRIVATE KEY'));
  const certificates = blocks.filter((b) => b.label === 'CERTIFICATE');
  if (!key || certificates.length === 0) {
    throw new CliError({
      code: 'CERTIFICATE_INVALID',
      field,
      value: path,
      message: `the PEM file must hold a private key and a certificate (found ${key ? 'a key' : 'no private key'} and ${certificates.length} certificate(s)).`,
    });
  }
  return { privateKey: key.pem, certificate: certificates.map((c) => c.pem).join('\n') };
}

function missing(name: string, why: string): Problem {
  return { code: 'SIGN_IN_MISSING', field: name, message: `${name} is not set: ${why}` };
}

/** Reads the sign-in variables and checks them locally; every problem names the variable (never its secret value). */
async function credentialsFromEnv(env: NodeJS.ProcessEnv, output: Output): Promise<GraphCredentials> {
  const { isGuid, isTenantId } = await import('@entra-licensing/graph-client');
  const tenantId = env.AZURE_TENANT_ID?.trim();
  const clientId = env.AZURE_CLIENT_ID?.trim();
  const clientSecret = env.AZURE_CLIENT_SECRET;
  const certificatePath = env.AZURE_CLIENT_CERTIFICATE_PATH?.trim();
  const passphrase = env.AZURE_CLIENT_CERTIFICATE_PASSWORD;
  output.addSecret(clientSecret);
  output.addSecret(passphrase);
  const problems: Problem[] = [];
  if (!tenantId) problems.push(missing('AZURE_TENANT_ID', 'the tenant id (a GUID) or domain to sign in to.'));
  else if (!isTenantId(tenantId))
    problems.push({
      code: 'SIGN_IN_INVALID',
      field: 'AZURE_TENANT_ID',
      value: tenantId,
      message: 'must be a tenant id (GUID) or a domain such as contoso.onmicrosoft.com.',
    });
  if (!clientId) problems.push(missing('AZURE_CLIENT_ID', "the app registration's client id."));
  else if (!isGuid(clientId))
    problems.push({
      code: 'SIGN_IN_INVALID',
      field: 'AZURE_CLIENT_ID',
      value: clientId,
      message: 'must be the application (client) id, a GUID.',
    });
  if (!clientSecret && !certificatePath)
    problems.push(
      missing(
        'AZURE_CLIENT_SECRET',
        'set it, or AZURE_CLIENT_CERTIFICATE_PATH (a PEM file with key and certificate). Or try --emulator.',
      ),
    );
  if (problems.length > 0) throw new CliError(problems);
  if (clientSecret) {
    // As in EnvironmentCredential: a secret wins over a certificate.
    return { tenantId: tenantId as string, clientId: clientId as string, clientSecret };
  }
  let text: string;
  try {
    text = readFileSync(certificatePath as string, 'utf8');
  } catch (error) {
    throw new CliError({
      code: 'CERTIFICATE_NOT_READABLE',
      field: 'AZURE_CLIENT_CERTIFICATE_PATH',
      value: certificatePath,
      message: `cannot read the certificate file (${(error as { code?: string }).code ?? 'error'}).`,
    });
  }
  const pem = readCertificatePem(text, 'AZURE_CLIENT_CERTIFICATE_PATH', certificatePath as string);
  output.addSecret(pem.privateKey);
  return certificateCredentials(tenantId as string, clientId as string, pem, passphrase);
}

/** Certificate sign-in (graph-client's `credentials.certificate`: a client assertion signed with the key). */
function certificateCredentials(
  tenantId: string,
  clientId: string,
  pem: CertificatePem,
  passphrase: string | undefined,
): ClientCertificateCredentials {
  return {
    tenantId,
    clientId,
    certificate: {
      privateKey: pem.privateKey,
      certificate: pem.certificate,
      ...(passphrase ? { passphrase } : {}),
    },
  };
}

/** The option or variable a graph-client option error is about. */
function optionField(message: string): string {
  if (message.startsWith('credentials.certificate.passphrase') || message.includes('give its passphrase'))
    return 'AZURE_CLIENT_CERTIFICATE_PASSWORD';
  if (message.startsWith('credentials.certificate')) return 'AZURE_CLIENT_CERTIFICATE_PATH';
  if (message.startsWith('credentials.tenantId')) return 'AZURE_TENANT_ID';
  if (message.startsWith('credentials.clientId')) return 'AZURE_CLIENT_ID';
  const option = /^Option (\w+)/.exec(message)?.[1];
  if (option === 'baseUrl') return '--graph-base-url';
  if (option === 'loginBaseUrl') return '--login-base-url';
  if (option === 'cloud') return '--cloud';
  return option ?? 'option';
}

/** Signs in (or starts the embedded emulator) and creates the licensing service. Nothing is sent yet. */
export async function connect(
  options: ConnectionOptions,
  env: NodeJS.ProcessEnv,
  output: Output,
): Promise<Connection> {
  const [{ createGraphClient, GraphError, redactTokens }, { createLicensingService }] = await Promise.all([
    import('@entra-licensing/graph-client'),
    import('@entra-licensing/licensing'),
  ]);
  output.useTokenRedactor(redactTokens);
  const build = (clientOptions: Parameters<typeof createGraphClient>[0]): GraphClient => {
    try {
      return createGraphClient(clientOptions);
    } catch (error) {
      if (error instanceof GraphError && error.code === 'InvalidOption') {
        throw new CliError({
          code: 'INVALID_OPTION',
          field: optionField(error.message),
          message: error.message,
        });
      }
      throw error;
    }
  };
  if (options.emulator) {
    const { defaultSeed, startEmulator } = await import('@entra-licensing/graph-emulator');
    const emulator = await startEmulator({ throttle: 'off' });
    const app = defaultSeed.ids.apps.licensingAdmin;
    output.addSecret(app.clientSecret);
    const client = build({
      ...(options.fetch ? { fetch: options.fetch } : {}),
      baseUrl: emulator.url,
      loginBaseUrl: emulator.url,
      credentials: { tenantId: emulator.tenantId, clientId: app.clientId, clientSecret: app.clientSecret },
    });
    output.err(
      output.errColor.dim(
        `Using the embedded Graph emulator at ${emulator.url} (seeded Contoso tenant); its changes last until this command ends.`,
      ),
    );
    return {
      client,
      service: createLicensingService({ client }),
      describe: `the embedded emulator (${emulator.tenantDomain})`,
      close: () => emulator.stop(),
    };
  }
  const credentials = await credentialsFromEnv(env, output);
  const authority = env.AZURE_AUTHORITY_HOST?.trim().replace(/\/+$/, '');
  const loginBaseUrl = options.loginBaseUrl ?? (authority ? authority : undefined);
  const client = build({
    ...(options.fetch ? { fetch: options.fetch } : {}),
    credentials,
    ...(options.cloud ? { cloud: options.cloud as GraphCloud } : {}),
    ...(options.graphBaseUrl ? { baseUrl: options.graphBaseUrl } : {}),
    ...(loginBaseUrl ? { loginBaseUrl } : {}),
  });
  return {
    client,
    service: createLicensingService({ client }),
    describe: `tenant ${env.AZURE_TENANT_ID?.trim()} (${options.cloud ?? 'global'} cloud)`,
    close: async () => {},
  };
}
