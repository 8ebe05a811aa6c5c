/**
 * The control API's router: a flat table of routes, each with the roles allowed to call it. Role checks
 * happen here, before any handler runs, so a forbidden call can never change anything.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiRole } from '../../../shared/contract';
import { StudioError } from '../../../shared/errors';
import type { TokenIdentity } from '../tokens';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Buffer;
  headers: IncomingHttpHeaders;
  identity: TokenIdentity;
}

export interface RouteReply {
  status?: number;
  /** JSON-serialisable, or a Buffer/string sent as is with the given content-type header. */
  body: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: Method;
  /** e.g. `/sessions/:id/stats`, relative to /api/v1 */
  path: string;
  roles: readonly ApiRole[];
  /** Largest accepted body in bytes (default 1 MiB). */
  bodyLimit?: number;
  handle(ctx: RouteContext): Promise<RouteReply> | RouteReply;
}

interface Match {
  route: Route;
  params: Record<string, string>;
}

export class Router {
  private readonly routes: Route[] = [];

  add(...routes: Route[]): this {
    this.routes.push(...routes);
    return this;
  }

  /** Finds the route for a method and path; 404 for an unknown path, 405 for a known path with another method. */
  match(method: string, path: string): Match {
    const segments = path.split('/').filter(Boolean);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchPath(route.path, segments);
      if (!params) continue;
      pathMatched = true;
      if (route.method === method) return { route, params };
    }
    if (pathMatched)
      throw new StudioError('method_not_allowed', `${method} is not allowed on ${path}`, { status: 405 });
    throw new StudioError('not_found', `No route ${method} ${path}`, { status: 404 });
  }
}

function matchPath(pattern: string, segments: string[]): Record<string, string> | null {
  const parts = pattern.split('/').filter(Boolean);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.startsWith(':')) {
      let value: string;
      try {
        value = decodeURIComponent(segments[i]);
      } catch {
        return null;
      }
      params[part.slice(1)] = value;
    } else if (part !== segments[i]) {
      return null;
    }
  }
  return params;
}

/** Throws 403 unless the caller's role may use the route. */
export function assertRole(identity: TokenIdentity, roles: readonly ApiRole[], what: string): void {
  if (identity.role === 'overlay' || !roles.includes(identity.role)) {
    throw new StudioError('forbidden', `A ${identity.role} token may not ${what}`, { status: 403 });
  }
}
