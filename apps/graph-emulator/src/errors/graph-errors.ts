/**
 * The one factory of the Graph errors the emulator answers (after Azurite's src/queue/errors/StorageErrorFactory.ts),
 * at the bottom of the emulator: the model, the routes and the HTTP layer all throw what it makes; nothing here
 * imports them.
 */
import { formatRetryAfter } from './retry-after.js';

/** Graph's error codes used by the directory (licensing) endpoints. */
export type GraphErrorCode =
  | 'Request_BadRequest'
  | 'Request_ResourceNotFound'
  | 'Request_UnsupportedQuery'
  | 'BadRequest'
  | 'Authorization_RequestDenied'
  | 'Authentication_MSGraphPermissionMissing'
  | 'Authentication_RequestFromNonPremiumTenantOrB2CTenant'
  | 'InvalidAuthenticationToken'
  | 'TooManyRequests'
  | 'Directory_ConcurrencyViolation'
  | 'serviceNotAvailable'
  | 'gatewayTimeout'
  | 'FailedDependency'
  | 'UnknownError';

/** An error a handler throws; turned into Graph's envelope by {@link errorResponse}. Made by {@link graphErrors}. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: GraphErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly innerExtra: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphError';
  }
}

/**
 * The one factory of Graph errors (after Azurite's StorageErrorFactory): every error the emulator answers is made
 * here, with Graph's status, code and, where it is known, Graph's exact message.
 */
export const graphErrors = {
  /** 400 `Request_BadRequest`: the directory's validation failures. */
  badRequest: (message: string): GraphError => new GraphError(400, 'Request_BadRequest', message),
  /** 400 `BadRequest`: errors of Graph's front door (OData parsing, batch envelope). */
  invalidRequest: (message: string): GraphError => new GraphError(400, 'BadRequest', message),
  notFound: (id: string): GraphError =>
    new GraphError(
      404,
      'Request_ResourceNotFound',
      `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    ),
  unsupportedQuery: (message = 'Unsupported query.'): GraphError =>
    new GraphError(400, 'Request_UnsupportedQuery', message),
  segmentNotFound: (segment: string): GraphError =>
    new GraphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`),
  methodNotAllowed: (): GraphError =>
    new GraphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.'),
  invalidJson: (): GraphError =>
    new GraphError(
      400,
      'BadRequest',
      'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
    ),
  meNeedsDelegatedToken: (): GraphError =>
    new GraphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.'),
  invalidToken: (message: string): GraphError => new GraphError(401, 'InvalidAuthenticationToken', message),
  insufficientPrivileges: (): GraphError =>
    new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'),
  /** Sign-in data without `AuditLog.Read.All` (message as observed: JupiterOne graph-azure, Office365itpros #109). */
  permissionMissing: (permission: string): GraphError =>
    new GraphError(
      403,
      'Authentication_MSGraphPermissionMissing',
      `Calling principal does not have required MSGraph permissions ${permission}`,
    ),
  /** Sign-in data in a tenant without Entra ID P1 (microsoft-graph-docs #12772, azure-docs PR #77948). */
  nonPremiumTenant: (): GraphError =>
    new GraphError(
      403,
      'Authentication_RequestFromNonPremiumTenantOrB2CTenant',
      "Neither tenant is B2C or tenant doesn't have premium license",
    ),
  tooManyRequests: (retryAfterMs: number, headers: Record<string, string>): GraphError =>
    new GraphError(
      429,
      'TooManyRequests',
      'Please retry again later.',
      { 'retry-after': formatRetryAfter(retryAfterMs), ...headers },
      { code: '429', message: 'Please retry after', status: '429' },
    ),
  serviceUnavailable: (retryAfterMs: number): GraphError =>
    new GraphError(
      503,
      'serviceNotAvailable',
      'The service is temporarily unavailable. Please retry later.',
      {
        'retry-after': formatRetryAfter(retryAfterMs),
      },
    ),
  gatewayTimeout: (): GraphError =>
    new GraphError(504, 'UnknownError', 'The gateway did not receive a timely response.'),
  /** Graph's answer to overlapping writes (observed: nais/azurerator #448). */
  concurrencyViolation: (): GraphError =>
    new GraphError(
      409,
      'Directory_ConcurrencyViolation',
      'Error due to concurrent requests being made to the tenant. Please wait briefly and retry.',
    ),
  failedDependency: (dependency: string): GraphError =>
    new GraphError(
      424,
      'FailedDependency',
      `The request could not be processed because request '${dependency}' it depends on failed.`,
    ),
  /** An emulator bug: still answered in Graph's envelope, saying what broke. */
  emulatorFailure: (message: string): GraphError =>
    new GraphError(500, 'UnknownError', `Emulator error: ${message}`),
} as const;
