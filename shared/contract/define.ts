/**
 * Building blocks of the contract: one endpoint model for seat commands and HTTP routes.
 *
 * A command is its argument schema (validated in the engine), the roles allowed to call it and its result
 * type (a phantom, checked by TypeScript only). An HTTP route of the control API (PROTOCOL.md D) is declared
 * in the same domain file, keyed by `'METHOD /path'` (relative to /api/v1, `:name` is a path parameter),
 * in one of two ways:
 *
 * - `viaCommand(commands, name, { ... })`: the route runs the seat command's handler, so the two can never
 *   drift. Its JSON body is the command's arguments unless `args` maps the request onto them (then `body`
 *   declares what the request may carry); `reply` shapes the result for HTTP when PROTOCOL D wraps it.
 * - `route<Result>()({ roles, body?, query?, status? })`: a route with its own handler, which the
 *   capability supplies in its `RouteHandlers` map (shared/contract/index.ts), typed from this declaration.
 *
 * Bodies are `body: zodSchema` (JSON, validated: 400 `invalid_body`, or the route's `invalidBody` code, with
 * a path) or `body: 'bytes'` (the raw bytes and their Content-Type, e.g. a CSV or XLSX import; `bodyLimit`
 * in bytes, default 1 MiB). Query
 * strings are a zod object of strings (400 `invalid_<name>` on a bad parameter). A handler answers a JSON
 * value, or a `FileReply` (CSV/HTML/PDF/gzip) the router sends as is. One router in the engine
 * (electron/engine/api/router.ts) checks the role, reads and validates, then calls the handler.
 *
 * Example (copy this shape):
 *
 *     export const fooCommands = {
 *       'foo.stop': command<FooInfo>()(z.object({ confirm: z.literal(true) }).strict(), HOST_ONLY),
 *     };
 *     export const fooRoutes = {
 *       // Same handler as the seat command; the route wraps the answer as PROTOCOL D writes it.
 *       'POST /foo/stop': viaCommand(fooCommands, 'foo.stop', { reply: (foo) => ({ foo }) }),
 *       // Route-only: the engine's foo service returns `{ 'GET /foo/:id/export': (input, ctx) => ... }`.
 *       'GET /foo/:id/export': route<FooExport | FileReply>()({
 *         roles: OPERATORS,
 *         query: z.object({ format: z.enum(['json', 'csv']).default('json') }),
 *       }),
 *     };
 *
 * then add `...fooRoutes` to `routes` in index.ts. The renderer builds URLs with `routePath(key, params)`.
 */
import type { z } from 'zod';

/**
 * host: everything; assistant (场控): pins, products, chat; viewer: read only; prompter (提词器, the host's
 * second screen or phone): reads the show and may mark a question answered, nothing else.
 */
export type Role = 'host' | 'assistant' | 'viewer' | 'prompter';
export const ROLES: readonly Role[] = ['host', 'assistant', 'viewer', 'prompter'];
export const ANY_ROLE: readonly Role[] = ROLES;
export const HOST_ONLY: readonly Role[] = ['host'];
export const OPERATORS: readonly Role[] = ['host', 'assistant'];

/**
 * Roles a token may carry over HTTP: the seat roles, plus `bridge` for programs that only push live
 * events in (POST /bridge/events). A bridge is never a seat: it cannot open the console or run commands.
 */
export type ApiRole = Role | 'bridge';
/** The host, and bridge tokens: who may push live events into the running session. */
export const BRIDGE_ROLES: readonly ApiRole[] = ['host', 'bridge'];

export interface CommandSpec<A extends z.ZodType = z.ZodType, R = unknown> {
  readonly args: A;
  readonly roles: readonly Role[];
  /** Never set at run time; carries the result type. */
  readonly result?: R;
}

/** `command<Result>()(argsSchema, roles)`: curried so the result type is explicit and args are inferred. */
export const command =
  <R>() =>
  <A extends z.ZodType>(args: A, roles: readonly Role[]): CommandSpec<A, R> => ({ args, roles });

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A reply that is a file rather than JSON: exports, reports, log bundles. */
export interface FileReply {
  readonly kind: 'file';
  contentType: string;
  body: string | Uint8Array;
  /** Suggested file name (Content-Disposition). */
  fileName: string;
  disposition: 'attachment' | 'inline';
  /** Extra headers, e.g. a Content-Security-Policy for an HTML report. */
  headers?: Record<string, string>;
}

/** Builds a FileReply. */
export const fileReply = (
  contentType: string,
  body: string | Uint8Array,
  fileName: string,
  options: { disposition?: 'attachment' | 'inline'; headers?: Record<string, string> } = {},
): FileReply => ({
  kind: 'file',
  contentType,
  body,
  fileName,
  disposition: options.disposition ?? 'attachment',
  headers: options.headers,
});

/** A request body of raw bytes with the Content-Type it was sent with. */
export interface BytesBody {
  bytes: Uint8Array;
  contentType: string | undefined;
}

/** What a route's handler (or its `args` mapping) receives, validated. */
export interface RouteInput<P = Record<string, string>, Q = unknown, B = unknown> {
  params: P;
  query: Q;
  body: B;
}

/** The body declaration: a zod schema (JSON) or raw bytes. */
export type BodyDecl = z.ZodType | 'bytes';
type BodyOf<B> = B extends 'bytes' ? BytesBody : B extends z.ZodType ? z.output<B> : Record<string, never>;
type QueryOf<Q> = Q extends z.ZodType ? z.output<Q> : Record<string, never>;

interface RouteCommon<B extends BodyDecl | undefined, Q extends z.ZodType | undefined> {
  readonly body?: B;
  /** Largest accepted body in bytes (default 1 MiB). */
  readonly bodyLimit?: number;
  /** Error code of a JSON body its schema refuses (default `invalid_body`). */
  readonly invalidBody?: string;
  readonly query?: Q;
  /** HTTP status of a success (default 200). */
  readonly status?: number;
}

/** A route with its own handler in the capability's `RouteHandlers`. */
export interface HandlerRouteSpec<
  R = unknown,
  B extends BodyDecl | undefined = BodyDecl | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
> extends RouteCommon<B, Q> {
  readonly kind: 'handler';
  /** Seat roles, or `bridge` for the one route a bridge token may call (POST /bridge/events). */
  readonly roles: readonly ApiRole[];
  /** Never set at run time; carries the result type. */
  readonly result?: R;
}

/** A route that runs a seat command's handler. */
export interface CommandRouteSpec<
  N extends string = string,
  R = unknown,
  B extends BodyDecl | undefined = BodyDecl | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
> extends RouteCommon<B, Q> {
  readonly kind: 'command';
  readonly command: N;
  readonly roles: readonly Role[];
  /** Request -> command arguments (validated again by the command's schema). Default: the JSON body. */
  readonly args?: (input: RouteInput<Record<string, string>, unknown, unknown>) => unknown;
  /** Command result -> HTTP body. Default: the result as is. */
  readonly reply?: (result: never) => unknown;
  /** Never set at run time; carries the HTTP result type. */
  readonly result?: R;
}

export type RouteSpec = HandlerRouteSpec | CommandRouteSpec;

/** `route<Result>()({ roles, body?, query?, status? })`: a route with its own handler. */
export const route =
  <R>() =>
  <B extends BodyDecl | undefined = undefined, Q extends z.ZodType | undefined = undefined>(
    spec: { roles: readonly ApiRole[] } & RouteCommon<B, Q>,
  ): HandlerRouteSpec<R, B, Q> => ({ kind: 'handler', ...spec });

type ResultOf<S> = S extends CommandSpec<z.ZodType, infer R> ? R : never;

/**
 * A route that runs the seat command `name` of `commands`: same handler, same argument schema, roles of the
 * command unless given.
 */
export function viaCommand<
  C extends Record<string, CommandSpec>,
  N extends keyof C & string,
  Out = ResultOf<C[N]>,
  B extends BodyDecl | undefined = C[N]['args'],
  Q extends z.ZodType | undefined = undefined,
>(
  commands: C,
  name: N,
  options: RouteCommon<B, Q> & {
    roles?: readonly Role[];
    args?: (input: RouteInput<Record<string, string>, QueryOf<Q>, BodyOf<B>>) => z.input<C[N]['args']>;
    reply?: (result: ResultOf<C[N]>) => Out;
  } = {},
): CommandRouteSpec<N, Out, B, Q> {
  const { roles, args, reply, ...common } = options;
  return {
    kind: 'command',
    command: name,
    roles: roles ?? commands[name].roles,
    // Without a mapping the body is the command's arguments, validated by the command's own schema.
    body: (common.body ?? commands[name].args) as B,
    bodyLimit: common.bodyLimit,
    invalidBody: common.invalidBody,
    query: common.query,
    status: common.status,
    args: args as CommandRouteSpec['args'],
    reply: reply as CommandRouteSpec['reply'],
  };
}

/** Path parameters of a route key: `'GET /sessions/:id/stats'` -> `{ id: string }`. */
export type ParamsOf<K extends string> = K extends `${string}:${string}` ? NamedParams<K> : Record<string, never>;
type NamedParams<K extends string> = K extends `${string}:${infer Name}/${infer Rest}`
  ? { [P in Name]: string } & NamedParams<`/${Rest}`>
  : K extends `${string}:${infer Name}`
    ? { [P in Name]: string }
    : unknown;

/** The input a route-only handler gets for route key K. */
export type RouteInputOf<K extends string, S> =
  S extends RouteCommon<infer B, infer Q> ? RouteInput<ParamsOf<K>, QueryOf<Q>, BodyOf<B>> : never;

/** Splits `'GET /sessions/:id'` into method and path. */
export function splitRouteKey(key: string): { method: HttpMethod; path: string } {
  const space = key.indexOf(' ');
  return { method: key.slice(0, space) as HttpMethod, path: key.slice(space + 1) };
}

/**
 * The path (under /api/v1) of route `key` with its parameters filled in and encoded, plus a query string:
 * `routePath('GET /sessions/:id/export', { id }, { format: 'csv' })`.
 */
export function routePath<K extends string>(
  key: K,
  params: ParamsOf<K>,
  query: Record<string, string | undefined> = {},
): string {
  const values = params as Record<string, string>;
  const path = splitRouteKey(key).path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(values[name]));
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) search.set(k, v);
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}
