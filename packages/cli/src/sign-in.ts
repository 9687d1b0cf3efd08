import { readFileSync } from 'node:fs';
import type {
  ClientCertificateCredentials,
  GraphClient,
  GraphCloud,
  GraphCredentials,
} from '@entra-licensing/graph-client';
import type { LicensingService } from '@entra-licensing/licensing';
import type { Output } from './output.js';
import { CliError, type Problem } from './problems.js';
import type { RunControl } from './run-control.js';

/** The connection options every command takes. */
export interface ConnectionOptions {
  cloud?: string;
  graphBaseUrl?: string;
  loginBaseUrl?: string;
  emulator?: boolean;
  /** Hosts outside Microsoft's clouds and loopback that may receive the credentials (each named exactly). */
  allowHost?: string[];
  /** Deadline of each request, in seconds. */
  requestTimeout?: number;
}

export interface Connection {
  client: GraphClient;
  service: LicensingService;
  /** `tenant e8e9… (global cloud)` or `the embedded emulator at …`. */
  describe: string;
  /** The tenant signed in to (id or domain, as configured). */
  tenant: string;
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
  'AZURE_FEDERATED_TOKEN_FILE',
] as const;

/** The variables for the Graph and login origins and the opt-in for a host outside Microsoft's clouds. */
export const ENDPOINT_VARIABLES = [
  'ENTRA_GRAPH_BASE_URL',
  'ENTRA_LOGIN_BASE_URL',
  'ENTRA_ALLOW_HOST',
] as const;

export const SIGN_IN_HELP = `Sign-in (as the Azure tools do, an app registration with LicenseAssignment.ReadWrite.All,
Group.Read.All and User.Read.All; read-only commands need only the read permissions):
  AZURE_TENANT_ID                     tenant id or domain
  AZURE_CLIENT_ID                     the app's client id
  AZURE_CLIENT_SECRET                 a client secret, or
  AZURE_CLIENT_CERTIFICATE_PATH       a PEM file with the private key and the certificate
  AZURE_CLIENT_CERTIFICATE_PASSWORD   the key's passphrase, if it has one
  AZURE_FEDERATED_TOKEN_FILE          instead of a secret: a federated token file (workload identity federation,
                                      e.g. GitHub's OIDC token or a Kubernetes service account token)
  ENTRA_MANAGED_IDENTITY=1            instead of all the above but AZURE_TENANT_ID: the managed identity of the
                                      Azure host (AZURE_CLIENT_ID picks a user-assigned one)
  AZURE_AUTHORITY_HOST                login host (default: the cloud's; --login-base-url wins)
  ENTRA_GRAPH_BASE_URL                Graph origin (as --graph-base-url; the flag wins)
  ENTRA_LOGIN_BASE_URL                login origin (as --login-base-url; the flag wins over it and AZURE_AUTHORITY_HOST)
  ENTRA_ALLOW_HOST                    as --allow-host: hosts outside Microsoft's clouds allowed to get the credentials
Credentials go only to a Microsoft national cloud's own Graph and login hosts or to this machine (loopback); any
other host is refused before sign-in unless --allow-host or ENTRA_ALLOW_HOST names it exactly.`;

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
  const clientSecret = env.AZURE_CLIENT_SECRET?.trim() ? env.AZURE_CLIENT_SECRET : undefined;
  const certificatePath = env.AZURE_CLIENT_CERTIFICATE_PATH?.trim();
  const tokenFile = env.AZURE_FEDERATED_TOKEN_FILE?.trim();
  const managed = env.ENTRA_MANAGED_IDENTITY?.trim();
  const passphrase = env.AZURE_CLIENT_CERTIFICATE_PASSWORD;
  output.addSecret(env.AZURE_CLIENT_SECRET);
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
  if (managed && managed !== '1' && managed !== 'true')
    problems.push({
      code: 'SIGN_IN_INVALID',
      field: 'ENTRA_MANAGED_IDENTITY',
      value: managed,
      message: 'must be 1 (or true) to sign in with the managed identity, or not set.',
    });
  const isManaged = managed === '1' || managed === 'true';
  if (!clientId && !isManaged) problems.push(missing('AZURE_CLIENT_ID', "the app registration's client id."));
  else if (clientId && !isGuid(clientId))
    problems.push({
      code: 'SIGN_IN_INVALID',
      field: 'AZURE_CLIENT_ID',
      // a mistyped GUID is shown; anything else may be a secret pasted into the wrong variable, and is not
      ...(/^[0-9a-fA-F-]+$/.test(String(clientId)) ? { value: clientId } : {}),
      message: /^[0-9a-fA-F-]+$/.test(String(clientId))
        ? 'must be the application (client) id, a GUID.'
        : `must be the application (client) id, a GUID; the value (${String(clientId).length} characters) is not shown: it may be a secret set in the wrong variable.`,
    });
  if (env.AZURE_CLIENT_SECRET !== undefined && !clientSecret && !certificatePath && !tokenFile && !isManaged)
    problems.push({
      code: 'SIGN_IN_INVALID',
      field: 'AZURE_CLIENT_SECRET',
      message:
        'is set but blank: give the client secret, or unset it and use AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE.',
    });
  else if (!clientSecret && !certificatePath && !tokenFile && !isManaged)
    problems.push(
      missing(
        'AZURE_CLIENT_SECRET',
        'set it, or AZURE_CLIENT_CERTIFICATE_PATH (a PEM file with key and certificate), or AZURE_FEDERATED_TOKEN_FILE (workload identity), or ENTRA_MANAGED_IDENTITY=1. Or try --emulator.',
      ),
    );
  if (problems.length > 0) throw new CliError(problems);
  if (clientSecret) {
    // As in EnvironmentCredential: a secret wins over a certificate.
    return { tenantId: tenantId as string, clientId: clientId as string, clientSecret };
  }
  if (tokenFile && !certificatePath)
    return federatedCredential(tenantId as string, clientId as string, tokenFile);
  if (isManaged && !certificatePath) return managedIdentityCredential(clientId);
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

/** Workload identity federation: the token in the file is the client assertion (read again at each sign-in). */
function federatedCredential(
  tenantId: string,
  clientId: string,
  federatedTokenFile: string,
): GraphCredentials {
  try {
    readFileSync(federatedTokenFile, 'utf8');
  } catch (error) {
    throw new CliError({
      code: 'FEDERATED_TOKEN_NOT_READABLE',
      field: 'AZURE_FEDERATED_TOKEN_FILE',
      value: federatedTokenFile,
      message: `cannot read the federated token file (${(error as { code?: string }).code ?? 'error'}).`,
    });
  }
  return { tenantId, clientId, federatedTokenFile };
}

/** The managed identity of the Azure host (a user-assigned one when AZURE_CLIENT_ID is set). */
async function managedIdentityCredential(clientId: string | undefined): Promise<GraphCredentials> {
  const { ManagedIdentityCredential } = await import('@azure/identity');
  return clientId ? new ManagedIdentityCredential({ clientId }) : new ManagedIdentityCredential();
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

/** An origin given by a flag or a variable: the origin itself, a trailing `/v1.0` accepted (the emulator prints it). */
/** A URL as it may be shown: any user name or password in it replaced. */
function shownUrl(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/?#]*@/i, '$1[redacted]@');
}

function originOf(raw: string, field: string): string {
  const value = shownUrl(raw);
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new CliError({
      code: 'INVALID_OPTION',
      field,
      value,
      message: 'must be an absolute URL such as https://graph.microsoft.com or http://127.0.0.1:4000.',
    });
  }
  const path = url.pathname.replace(/\/+$/, '');
  if (url.search || url.hash || url.username || url.password || (path !== '' && path !== '/v1.0')) {
    throw new CliError({
      code: 'INVALID_OPTION',
      field,
      value,
      message: `give the origin only (scheme, host and port, optionally followed by /v1.0), e.g. ${url.protocol}//${url.host}; this CLI always calls Graph v1.0.`,
    });
  }
  return url.origin;
}

interface Endpoints {
  graph?: { origin: string; field: string };
  login?: { origin: string; field: string };
}

/** The Graph and login origins from the flags, then the variables (flags win). */
function endpointsOf(options: ConnectionOptions, env: NodeJS.ProcessEnv): Endpoints {
  const pick = (pairs: [string | undefined, string][]) => {
    for (const [value, field] of pairs) {
      if (value?.trim()) return { origin: originOf(value, field), field };
    }
    return undefined;
  };
  const graph = pick([
    [options.graphBaseUrl, '--graph-base-url'],
    [env.ENTRA_GRAPH_BASE_URL, 'ENTRA_GRAPH_BASE_URL'],
  ]);
  const login = pick([
    [options.loginBaseUrl, '--login-base-url'],
    [env.ENTRA_LOGIN_BASE_URL, 'ENTRA_LOGIN_BASE_URL'],
    [env.AZURE_AUTHORITY_HOST, 'AZURE_AUTHORITY_HOST'],
  ]);
  return { ...(graph ? { graph } : {}), ...(login ? { login } : {}) };
}

/** `--emulator` with anything that points elsewhere: refused, so that a stray flag never hides a real tenant. */
function checkEmulatorAlone(options: ConnectionOptions, env: NodeJS.ProcessEnv): void {
  const conflicts = [
    ...(options.graphBaseUrl ? ['--graph-base-url'] : []),
    ...(options.loginBaseUrl ? ['--login-base-url'] : []),
    ...(options.cloud ? ['--cloud'] : []),
    ...[
      ...SIGN_IN_VARIABLES,
      'ENTRA_GRAPH_BASE_URL',
      'ENTRA_LOGIN_BASE_URL',
      'ENTRA_MANAGED_IDENTITY',
    ].filter((name) => env[name] !== undefined && env[name] !== ''),
  ];
  if (conflicts.length === 0) return;
  throw new CliError({
    code: 'CONFLICTING_OPTIONS',
    field: '--emulator',
    message: `conflicts with ${conflicts.join(', ')}: --emulator runs against a local try-out tenant, those point at a real one. Drop --emulator, or unset them for the try-out.`,
  });
}

/** Refuses, before sign-in, a Graph or login origin outside Microsoft's clouds and loopback that nobody named. */
async function checkTrustedOrigins(
  endpoints: Endpoints,
  options: ConnectionOptions,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const { untrustedOriginReason } = await import('@entra-licensing/graph-client');
  const allowed = new Set(
    [...(options.allowHost ?? []), ...(env.ENTRA_ALLOW_HOST ?? '').split(',')]
      .map((h) => h.trim().toLowerCase())
      .filter((h) => h !== ''),
  );
  const problems: Problem[] = [];
  for (const endpoint of [endpoints.graph, endpoints.login]) {
    if (!endpoint) continue;
    const reason = untrustedOriginReason(endpoint.origin);
    if (!reason || allowed.has(new URL(endpoint.origin).host.toLowerCase())) continue;
    problems.push({
      code: 'HOST_NOT_ALLOWED',
      field: endpoint.field,
      value: endpoint.origin,
      message: `refused before sign-in: ${reason}. If you mean it (your own proxy), name that exact host with --allow-host ${new URL(endpoint.origin).host} or ENTRA_ALLOW_HOST.`,
    });
  }
  if (problems.length > 0) throw new CliError(problems);
}

/** Signs in (or starts the embedded emulator) and creates the licensing service. Nothing is sent yet. */
export async function connect(
  options: ConnectionOptions,
  env: NodeJS.ProcessEnv,
  output: Output,
  run: RunControl,
): Promise<Connection> {
  if (options.emulator) checkEmulatorAlone(options, env);
  const endpoints = options.emulator ? {} : endpointsOf(options, env);
  if (!options.emulator) await checkTrustedOrigins(endpoints, options, env);
  const [{ createGraphClient, GraphError, redactTokens }, { createLicensingService }] = await Promise.all([
    import('@entra-licensing/graph-client'),
    import('@entra-licensing/licensing'),
  ]);
  output.useTokenRedactor(redactTokens);
  const requestTimeoutMs = Math.round((options.requestTimeout ?? 60) * 1000);
  const build = (clientOptions: Parameters<typeof createGraphClient>[0]): GraphClient => {
    try {
      return createGraphClient({ ...clientOptions, requestTimeoutMs, fetch: run.fetch(GraphError) });
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
    const { defaultSeed, startEmulator } = await loadEmulator();
    const emulator = await startEmulator({ throttle: 'off' });
    const app = defaultSeed.ids.apps.licensingAdmin;
    output.addSecret(app.clientSecret);
    const client = build({
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
      tenant: emulator.tenantId,
      close: () => emulator.stop(),
    };
  }
  const credentials = await credentialsFromEnv(env, output);
  const client = build({
    credentials,
    ...(options.cloud ? { cloud: options.cloud as GraphCloud } : {}),
    ...(endpoints.graph ? { baseUrl: endpoints.graph.origin } : {}),
    ...(endpoints.login ? { loginBaseUrl: endpoints.login.origin } : {}),
  });
  const { isLoopbackHost } = await import('@entra-licensing/graph-client');
  const where = isLoopbackHost(new URL(client.graphOrigin).hostname)
    ? `Graph at ${client.graphOrigin} (this machine: an emulator or a local proxy)`
    : endpoints.graph
      ? `Graph at ${client.graphOrigin}`
      : `${options.cloud ?? 'global'} cloud`;
  return {
    client,
    service: createLicensingService({ client }),
    describe: `tenant ${env.AZURE_TENANT_ID?.trim()} (${where})`,
    tenant: env.AZURE_TENANT_ID?.trim() ?? '',
    close: async () => {},
  };
}

/** The emulator, an optional peer dependency: installed for `--emulator` only. */
async function loadEmulator(): Promise<typeof import('@entra-licensing/graph-emulator')> {
  try {
    return await import('@entra-licensing/graph-emulator');
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new CliError({
      code: 'EMULATOR_NOT_INSTALLED',
      field: '--emulator',
      message:
        'needs the optional package @entra-licensing/graph-emulator, which is not installed. Install it beside the CLI: npm install --global @entra-licensing/graph-emulator (or npm install @entra-licensing/graph-emulator in your project).',
    });
  }
}
