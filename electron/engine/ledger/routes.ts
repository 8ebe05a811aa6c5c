/**
 * Control API handlers of PROTOCOL.md D for sessions, stats, export and products, as plain functions the
 * engine's HTTP router mounts under /api/v1 (after auth, role checks and body limits, which are its job).
 * Each returns a complete response: status, headers, serialized body. Errors use StudioError bodies.
 */
import { z } from 'zod';
import { charsetOf } from '../../../shared/catalogue/import';
import { fromZodError, StudioError } from '../../../shared/errors';
import { roomIdSchema } from '../../../shared/events';
import { type ColumnMapping, EXPORT_FIELDS, type ExportField } from '../../../shared/reconcile/fields';
import type { Ledger } from './ledger';

export interface RouteRequest {
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

export interface RouteResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type RouteHandler = (ledger: Ledger, req: RouteRequest) => RouteResponse | Promise<RouteResponse>;

const JSON_TYPE = 'application/json; charset=utf-8';
const json = (status: number, body: unknown): RouteResponse => ({
  status,
  headers: { 'content-type': JSON_TYPE },
  body: JSON.stringify(body),
});

function errorResponse(error: unknown): RouteResponse {
  if (error instanceof StudioError) return json(error.status, error.toBody());
  return json(500, { error: { code: 'internal_error', message: 'The ledger could not complete the request' } });
}

/** Parses a JSON body (empty = `{}`) against a schema; 400 with a path on failure. */
function parseBody<T extends z.ZodType>(req: RouteRequest, schema: T): z.infer<T> {
  let value: unknown = {};
  const text = req.body.toString('utf8').trim();
  if (text !== '') {
    try {
      value = JSON.parse(text);
    } catch {
      throw new StudioError('invalid_json', 'The request body is not valid JSON');
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw fromZodError(parsed.error);
  return parsed.data;
}

const header = (req: RouteRequest, name: string): string | undefined => {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

const startSchema = z.strictObject({ title: z.string().max(200).optional(), room: roomIdSchema.optional() });
const reorderSchema = z.strictObject({ productIds: z.array(z.string()).max(10_000) });

const guard =
  (handler: RouteHandler): RouteHandler =>
  async (ledger, req) => {
    try {
      return await handler(ledger, req);
    } catch (error) {
      return errorResponse(error);
    }
  };

export const listSessions: RouteHandler = guard((ledger) => json(200, { sessions: ledger.listSessions() }));

export const sessionStats: RouteHandler = guard((ledger, req) => json(200, ledger.stats(req.params.id)));

export const sessionExport: RouteHandler = guard((ledger, req) => {
  const format = req.query.format ?? 'json';
  const id = req.params.id;
  if (format === 'json') {
    return {
      ...json(200, ledger.exportJson(id)),
      headers: { 'content-type': JSON_TYPE, 'content-disposition': `attachment; filename="session-${id}.json"` },
    };
  }
  if (format === 'csv') {
    return {
      status: 200,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="session-${id}.csv"`,
      },
      body: ledger.exportCsv(id),
    };
  }
  throw new StudioError('invalid_format', 'format must be json or csv', { path: 'format' });
});

export const startSession: RouteHandler = guard((ledger, req) => {
  const body = parseBody(req, startSchema);
  return json(200, { session: ledger.startSession({ ...body, reason: 'control_api' }) });
});

export const stopSession: RouteHandler = guard((ledger) =>
  json(200, { session: ledger.stopSession({ reason: 'control_api' }) }),
);

export const importProducts: RouteHandler = guard(async (ledger, req) => {
  if (req.body.length === 0) throw new StudioError('empty_body', 'Send the CSV or XLSX file as the request body');
  const contentType = header(req, 'content-type');
  const result = await ledger.importProducts(new Uint8Array(req.body), {
    contentType,
    charset: charsetOf(contentType),
  });
  return json(200, result);
});

/** `columns` of a reconcile request: which header each field reads (the user's corrected mapping). */
const columnsSchema = z.partialRecord(
  z.enum(EXPORT_FIELDS as [ExportField, ...ExportField[]]),
  z.string().max(200).nullable(),
);

function columnsOf(req: RouteRequest): Partial<ColumnMapping> | undefined {
  const raw = req.query.columns;
  if (raw === undefined || raw === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new StudioError('invalid_mapping', 'columns must be a JSON object of field -> header', { path: 'columns' });
  }
  const parsed = columnsSchema.safeParse(value);
  if (!parsed.success) throw fromZodError(parsed.error);
  return parsed.data as Partial<ColumnMapping>;
}

const fileOptions = (req: RouteRequest) => {
  const contentType = header(req, 'content-type');
  return { contentType, charset: charsetOf(contentType) };
};

/** `POST /sessions/{id}/reconcile`: the platform's order export as the body, `?file=` its name. */
export const reconcileSession: RouteHandler = guard(async (ledger, req) => {
  const answer = await ledger.reconcile(req.params.id, new Uint8Array(req.body), {
    ...fileOptions(req),
    source: req.query.file || 'export',
    columns: columnsOf(req),
  });
  return json(200, answer);
});

/** `POST /sessions/{id}/reconcile/preview`: the column-mapping step (header, guesses, first rows); changes nothing. */
export const previewReconcile: RouteHandler = guard(async (ledger, req) => {
  ledger.getSession(req.params.id);
  return json(200, await ledger.previewExport(new Uint8Array(req.body), fileOptions(req)));
});

export const listProducts: RouteHandler = guard((ledger) => json(200, { products: ledger.listProducts() }));

export const addProduct: RouteHandler = guard((ledger, req) =>
  json(200, { product: ledger.addProduct(parseBody(req, z.unknown())) }),
);

export const updateProduct: RouteHandler = guard((ledger, req) =>
  json(200, { product: ledger.updateProduct(req.params.id, parseBody(req, z.unknown())) }),
);

export const deleteProduct: RouteHandler = guard((ledger, req) => {
  ledger.deleteProduct(req.params.id);
  return json(200, { deleted: req.params.id });
});

export const reorderProducts: RouteHandler = guard((ledger, req) =>
  json(200, { products: ledger.reorderProducts(parseBody(req, reorderSchema).productIds) }),
);

/** Every route, for the router: method, path under /api/v1 (`:id` is a path parameter), write or read. */
export const ledgerRoutes: readonly {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  path: string;
  handler: RouteHandler;
}[] = [
  { method: 'GET', path: '/sessions', handler: listSessions },
  { method: 'POST', path: '/sessions/start', handler: startSession },
  { method: 'POST', path: '/sessions/stop', handler: stopSession },
  { method: 'GET', path: '/sessions/:id/stats', handler: sessionStats },
  { method: 'GET', path: '/sessions/:id/export', handler: sessionExport },
  { method: 'POST', path: '/sessions/:id/reconcile', handler: reconcileSession },
  { method: 'POST', path: '/sessions/:id/reconcile/preview', handler: previewReconcile },
  { method: 'GET', path: '/products', handler: listProducts },
  { method: 'POST', path: '/products', handler: addProduct },
  { method: 'POST', path: '/products/import', handler: importProducts },
  { method: 'PUT', path: '/products/order', handler: reorderProducts },
  { method: 'PATCH', path: '/products/:id', handler: updateProduct },
  { method: 'DELETE', path: '/products/:id', handler: deleteProduct },
];
