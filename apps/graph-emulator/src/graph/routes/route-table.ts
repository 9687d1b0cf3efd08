/**
 * Graph request routing as one readable table (after Azurite's dispatch middleware): each route is a method, a path
 * template (`/groups/{groupId}/assignLicense`), the permission that grants it, its resource-unit cost and a handler.
 */

import { type GraphError, graphErrors } from '../../errors/graph-errors.js';
import type { Directory } from '../../model/directory.js';
import type { GraphResponse } from '../graph-response.js';
import type { PermissionKind } from '../permissions.js';
import type { GraphRequest } from '../request.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RouteContext {
  request: GraphRequest;
  directory: Directory;
  /** Path template parameters, decoded, as sent (case kept). */
  params: Record<string, string>;
}

export interface GraphRoute {
  method: HttpMethod | 'ANY';
  /** Segments after the version; `{name}` is a parameter, `{*rest}` (last only) takes the remaining segments. */
  path: string;
  permission: PermissionKind;
  /** Base resource-unit cost of a read before query-option adjustments (writes cost 1). */
  cost: number;
  /** For writes: the object the write changes (request log `target`, concurrency key). */
  writes?: (context: RouteContext) => string;
  handler: (context: RouteContext) => GraphResponse;
  /** Answered before permission checks (e.g. `/me` with an app token). */
  refuse?: () => GraphError;
}

/** A routed Graph request: what it costs, who may call it, and how to run it. */
export interface Operation {
  write: boolean;
  permission: PermissionKind;
  baseCost: number;
  target?: string;
  refusal?: GraphError;
  run(): GraphResponse;
}

type Segment =
  | { kind: 'literal'; name: string }
  | { kind: 'param'; name: string }
  | { kind: 'rest'; name: string };

interface CompiledRoute {
  route: GraphRoute;
  segments: Segment[];
  literals: number;
}

/** Graph's names are case-insensitive; `graph.` is the alias Graph declares for the `microsoft.graph` namespace. */
function canonical(segment: string): string {
  return segment.toLowerCase().replace(/^graph\./, 'microsoft.graph.');
}

/** A literal matches itself, and an action also its namespace-qualified name (`microsoft.graph.assignLicense`). */
const sameName = (sent: string, literal: string): boolean =>
  sent === literal || sent === `microsoft.graph.${literal}`;

function compile(route: GraphRoute): CompiledRoute {
  const segments = route.path
    .split('/')
    .filter((s) => s.length > 0)
    .map((s): Segment => {
      const rest = /^\{\*(\w+)\}$/.exec(s);
      if (rest) return { kind: 'rest', name: rest[1]! };
      const param = /^\{(\w+)\}$/.exec(s);
      if (param) return { kind: 'param', name: param[1]! };
      return { kind: 'literal', name: canonical(s) };
    });
  return { route, segments, literals: segments.filter((s) => s.kind === 'literal').length };
}

/** Leading segments of `path` the route matches, and its parameters when it matches all of them. */
function match(
  compiled: CompiledRoute,
  path: readonly string[],
): { depth: number; params?: Record<string, string> } {
  const params: Record<string, string> = {};
  let depth = 0;
  for (const [i, segment] of compiled.segments.entries()) {
    if (segment.kind === 'rest') {
      params[segment.name] = path.slice(i).join('/');
      return { depth: path.length, params };
    }
    const value = path[i];
    if (value === undefined) return { depth };
    if (segment.kind === 'literal') {
      if (!sameName(canonical(value), segment.name)) return { depth };
    } else {
      // A parameter never takes a name another route uses as a literal here (`$count`, `$ref`).
      if (value.startsWith('$')) return { depth };
      params[segment.name] = value;
    }
    depth = i + 1;
  }
  return depth === path.length ? { depth, params } : { depth };
}

export class RouteTable {
  private readonly routes: CompiledRoute[];

  constructor(routes: readonly GraphRoute[]) {
    // Most literal segments first: `/users/$count` before `/users/{userId}`.
    this.routes = routes.map(compile).sort((a, b) => b.literals - a.literals);
  }

  /** The operation for a request; throws Graph's 400 (unknown segment) or 405 (known path, other method). */
  resolve(directory: Directory, request: GraphRequest): Operation {
    let deepest = 0;
    let pathMatched = false;
    for (const compiled of this.routes) {
      const { depth, params } = match(compiled, request.segments);
      if (!params) {
        deepest = Math.max(deepest, depth);
        continue;
      }
      const { route } = compiled;
      if (route.method !== 'ANY' && route.method !== request.method) {
        pathMatched = true;
        continue;
      }
      const context: RouteContext = { request, directory, params };
      return {
        write: route.writes !== undefined,
        permission: route.permission,
        baseCost: route.writes ? 1 : route.cost,
        target: route.writes?.(context),
        refusal: route.refuse?.(),
        run: () => route.handler(context),
      };
    }
    if (pathMatched) throw graphErrors.methodNotAllowed();
    // The first segment no route knows; a path that stops short of every route it starts names its last segment.
    const index = Math.min(deepest, request.segments.length - 1);
    throw graphErrors.segmentNotFound(request.segments[index] ?? '');
  }
}
