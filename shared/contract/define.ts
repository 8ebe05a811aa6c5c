/**
 * Building blocks of the seat contract: a command is its argument schema (validated in the engine),
 * the roles allowed to call it, and its result type (a phantom, checked by TypeScript only).
 */
import type { z } from 'zod';

export type Role = 'host' | 'assistant' | 'viewer';
export const ROLES: readonly Role[] = ['host', 'assistant', 'viewer'];
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
