/**
 * The seat contract, declared once: every command a seat (this window, an assistant's browser, a phone)
 * can send the engine, and every event the engine sends seats. The engine's handler map must satisfy
 * `CommandHandlers`; the renderer's client is typed by the same maps. Each domain declares its part in
 * its own file and is merged here.
 */
import type { z } from 'zod';
import type { CommandSpec } from './define';
import { type FeedBatch, type FeedStateSlice, feedCommands } from './feed';
import { type HotkeysStateSlice, hotkeyCommands } from './hotkeys';
import { type ObsStateSlice, obsCommands } from './obs';
import { type OverlayStateSlice, overlayCommands } from './overlay';
import { type PinStateSlice, pinCommands } from './pins';
import type { ProductsStateSlice } from './products';
import { type RadarStateSlice, radarCommands } from './radar';
import { type SeatsStateSlice, seatCommands } from './seats';
import type { SessionStateSlice } from './session';
import { type SourcesStateSlice, sourceCommands } from './sources';
import { type StudioStateSlice, studioCommands } from './studio';
import type { SeatInfo } from './system';
import { type SystemState, systemCommands } from './system';

export * from './define';
export * from './feed';
export * from './hotkeys';
export * from './obs';
export * from './overlay';
export * from './pins';
export * from './products';
export * from './radar';
export * from './seats';
export * from './session';
export * from './sources';
export * from './studio';
export * from './system';

export const commands = {
  ...systemCommands,
  ...pinCommands,
  ...feedCommands,
  ...seatCommands,
  ...hotkeyCommands,
  ...obsCommands,
  ...radarCommands,
  ...studioCommands,
  ...overlayCommands,
  ...sourceCommands,
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandArgs<N extends CommandName> = z.input<Commands[N]['args']>;
export type CommandResult<N extends CommandName> = Commands[N] extends CommandSpec<z.ZodType, infer R> ? R : never;

/** The whole state a seat sees: a snapshot on connect, then changed slices. */
export type StudioState = SystemState &
  PinStateSlice &
  FeedStateSlice &
  SeatsStateSlice &
  ProductsStateSlice &
  SessionStateSlice &
  HotkeysStateSlice &
  ObsStateSlice &
  RadarStateSlice &
  StudioStateSlice &
  OverlayStateSlice &
  SourcesStateSlice;
export type StateSlice = keyof StudioState;

export interface Snapshot {
  state: StudioState;
  seat: SeatInfo;
}

/** Events from the engine to seats. */
export interface SeatEvents {
  snapshot: Snapshot;
  /** Only the slices that changed since the last patch. */
  patch: Partial<StudioState>;
  /** New chat and orders, batched (at most every ~100 ms). */
  feed: FeedBatch;
}

/** Reply to every command: success with its result, or the public error body. */
export type CommandReply<N extends CommandName> =
  | { ok: true; result: CommandResult<N> }
  | { ok: false; error: { code: string; message: string; path?: string }; [extra: string]: unknown };

/** Socket.io event name used for commands: emit(COMMAND_EVENT, name, args, ack). */
export const COMMAND_EVENT = 'command';

/** What a handler knows about its caller. */
export interface CommandContext {
  seat: SeatInfo;
}

/** The engine's implementation of every command: the handler map must satisfy this type. */
export type CommandHandlers = {
  [N in CommandName]: (
    args: z.output<Commands[N]['args']>,
    context: CommandContext,
  ) => Promise<CommandResult<N>> | CommandResult<N>;
};
