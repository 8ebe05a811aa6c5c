/**
 * The control API's router: the routes declared in shared/contract (see define.ts), served from the
 * capabilities' handler maps. `serveRoutes` turns declarations into a flat table of `Route`s: each checks
 * nothing but its input (roles are checked by the HTTP server through `assertRole` before the body is
 * even read, so a forbidden call can never change anything), then runs the seat command's handler or the
 * route's own, and shapes the answer as JSON or a file.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import { parseJson } from '../../../node-common/http';
import {
  type ApiRole,
  type CommandContext,
  type CommandHandlers,
  type CommandName,
  commands as commandSpecs,
  type FileReply,
  type HttpMethod,
  type Role,
  type RouteSpec,
  splitRouteKey,
} from '../../../shared/contract';
import { fromZodError, StudioError } from '../../../shared/errors';
import type { TokenIdentity } from '../tokens';

export type Method = HttpMethod;

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

/** A handler of a route-only declaration: validated input in, JSON value or FileReply out. */
type AnyRouteHandler = (
  input: { params: Record<string, string>; query: unknown; body: unknown },
  ctx: CommandContext,
) => unknown;
type AnyCommandHandler = (args: unknown, ctx: CommandContext) => unknown;

/**
 * Serves declared routes: `specs` is a map of `'METHOD /path'` to declarations (shared/contract `routes`,
 * or one domain's part of it), `commands` the seat command handlers that `viaCommand` routes run, `handlers`
 * the route-only handlers. The types make the engine supply a handler for every declared route.
 */
export function serveRoutes<S extends Record<string, RouteSpec>>(
  specs: S,
  commands: Partial<CommandHandlers>,
  handlers: { [K in keyof S as S[K] extends { kind: 'handler' } ? K : never]: unknown },
): Route[] {
  return Object.entries(specs).map(([key, spec]) => {
    const { method, path } = splitRouteKey(key);
    const run = runnerOf(key, spec, commands, handlers as Record<string, AnyRouteHandler>);
    return {
      method,
      path,
      roles: spec.roles,
      bodyLimit: spec.bodyLimit,
      handle: async (ctx) => {
        const input = { params: ctx.params, query: readQuery(spec.query, ctx.query), body: readBody(spec, ctx) };
        const context: CommandContext = {
          seat: { id: ctx.identity.seatId, role: ctx.identity.role as Role, label: ctx.identity.label },
          via: 'http',
        };
        return replyOf(await run(input, context), spec.status ?? 200);
      },
    };
  });
}

function runnerOf(
  key: string,
  spec: RouteSpec,
  commands: Partial<CommandHandlers>,
  handlers: Record<string, AnyRouteHandler>,
): AnyRouteHandler {
  if (spec.kind === 'handler') {
    const handler = handlers[key];
    if (!handler) throw new Error(`No handler for route ${key}`);
    return handler;
  }
  const handler = commands[spec.command as keyof CommandHandlers] as AnyCommandHandler | undefined;
  if (!handler) throw new Error(`No handler for command ${spec.command} of route ${key}`);
  const schema = commandSpecs[spec.command as CommandName].args as z.ZodType;
  const reply = spec.reply as ((result: unknown) => unknown) | undefined;
  return async (input, ctx) => {
    // The command's own schema has the last word, whatever the route mapped onto it.
    const parsed = schema.safeParse(spec.args ? spec.args(input) : input.body);
    if (!parsed.success) throw fromZodError(parsed.error, 'invalid_body');
    const result = await handler(parsed.data, ctx);
    return reply ? reply(result) : result;
  };
}

function readBody(spec: RouteSpec, ctx: RouteContext): unknown {
  if (spec.body === 'bytes') {
    const type = ctx.headers['content-type'];
    return { bytes: ctx.body, contentType: Array.isArray(type) ? type[0] : type };
  }
  if (!spec.body) return {};
  const parsed = spec.body.safeParse(parseJson(ctx.body));
  if (!parsed.success) throw fromZodError(parsed.error, spec.invalidBody ?? 'invalid_body');
  return parsed.data;
}

/** Query parameters against their schema; a bad one answers 400 `invalid_<name>`. */
function readQuery(schema: z.ZodType | undefined, query: URLSearchParams): unknown {
  if (!schema) return {};
  const parsed = schema.safeParse(Object.fromEntries(query.entries()));
  if (parsed.success) return parsed.data;
  const name = String(parsed.error.issues[0]?.path[0] ?? 'query');
  throw fromZodError(parsed.error, `invalid_${name.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}`);
}

const isFileReply = (value: unknown): value is FileReply =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'file';

/** A file name safe inside a quoted Content-Disposition (ids come from the URL). */
const safeFileName = (name: string) => name.replace(/[^\w.-]/g, '_');

function replyOf(out: unknown, status: number): RouteReply {
  if (!isFileReply(out)) return { status, body: out };
  const body =
    typeof out.body === 'string' ? out.body : Buffer.from(out.body.buffer, out.body.byteOffset, out.body.byteLength);
  return {
    status,
    body,
    headers: {
      'content-type': out.contentType,
      'content-disposition': `${out.disposition}; filename="${safeFileName(out.fileName)}"`,
      ...out.headers,
    },
  };
}
