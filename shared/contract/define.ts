/**
 * Building blocks of the seat contract: a command is its argument schema (validated in the engine),
 * the roles allowed to call it, and its result type (a phantom, checked by TypeScript only).
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
