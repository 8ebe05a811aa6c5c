/**
 * The machine-readable error of every public surface:
 * `{ "error": { "code": "<snake_case>", "message": "<human sentence>", "path": "<where>" } }`.
 */
import type { z } from 'zod';

export interface ErrorBody {
  code: string;
  message: string;
  path?: string;
}

/** An error that knows its HTTP status and public body; thrown by domain and API code alike. */
export class StudioError extends Error {
  readonly code: string;
  readonly status: number;
  readonly path?: string;
  readonly extra?: Record<string, unknown>;
  constructor(
    code: string,
    message: string,
    options: { status?: number; path?: string; extra?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'StudioError';
    this.code = code;
    this.status = options.status ?? 400;
    this.path = options.path;
    this.extra = options.extra;
  }

  toBody(): { error: ErrorBody } & Record<string, unknown> {
    const error: ErrorBody = { code: this.code, message: this.message };
    if (this.path !== undefined) error.path = this.path;
    return { error, ...this.extra };
  }
}

/** Renders a zod issue path as `[3].data.total.amount`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Turns the first zod issue into a StudioError with a readable path. */
export function fromZodError(error: z.ZodError, code = 'invalid_input', prefix: PropertyKey[] = []): StudioError {
  const issue = error.issues[0];
  const path = formatIssuePath([...prefix, ...(issue?.path ?? [])]);
  const message = issue ? `${path || 'input'}: ${issue.message}` : 'Invalid input';
  return new StudioError(code, message, { status: 400, path });
}
