/**
 * The seat contract as the console uses it: shared/contract (index.ts) plus, for what the engine does
 * not declare yet, the proposals in ./contract-proposal.ts. When a proposal lands in the contract its
 * entry there is deleted and nothing else changes.
 */
import type { z } from 'zod';
import type { CommandSpec, Commands, FeedBatch, StudioState } from '../../../shared/contract';
import type { ProposedCommands, ProposedStateSlices } from './contract-proposal';

export type ConsoleCommands = Commands & ProposedCommands;
export type ConsoleCommandName = keyof ConsoleCommands & string;
export type ConsoleCommandArgs<N extends ConsoleCommandName> = z.input<ConsoleCommands[N]['args']>;
export type ConsoleCommandResult<N extends ConsoleCommandName> =
  ConsoleCommands[N] extends CommandSpec<z.ZodType, infer R> ? R : never;

/** Proposed slices may be absent: the console shows "—" rather than failing. */
export type ConsoleState = StudioState & Partial<ProposedStateSlices>;

/** The `feed` seat event (chat and orders, batched by the engine). */
export const FEED_EVENT = 'feed';
export type { FeedBatch };
