/** The seat contract as the console uses it (shared/contract), plus the names the client needs. */
import type { z } from 'zod';
import type { CommandSpec, Commands, FeedBatch, StudioState } from '../../../shared/contract';

export type ConsoleCommands = Commands;
export type ConsoleCommandName = keyof ConsoleCommands & string;
export type ConsoleCommandArgs<N extends ConsoleCommandName> = z.input<ConsoleCommands[N]['args']>;
export type ConsoleCommandResult<N extends ConsoleCommandName> =
  ConsoleCommands[N] extends CommandSpec<z.ZodType, infer R> ? R : never;

export type ConsoleState = StudioState;

/** The `feed` seat event (chat and orders, batched by the engine). */
export const FEED_EVENT = 'feed';
export type { FeedBatch };
