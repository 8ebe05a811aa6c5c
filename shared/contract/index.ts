/**
 * The contract, declared once: every command a seat (this window, an assistant's browser, a phone) can
 * send the engine, every event the engine sends seats, and every HTTP route of the control API (see
 * define.ts for the model). The engine's handler maps must satisfy `CommandHandlers` and `RouteHandlers`;
 * the renderer's clients are typed by the same maps. Each domain declares its part in its own file and is
 * merged here.
 */
import type { z } from 'zod';
import type { CommandSpec, RouteInputOf } from './define';
import { type FeedBatch, type FeedStateSlice, feedCommands } from './feed';
import { type HotkeysStateSlice, hotkeyCommands } from './hotkeys';
import { type ObsStateSlice, obsCommands, obsRoutes } from './obs';
import { type OverlayStateSlice, overlayCommands, overlayRoutes } from './overlay';
import { type PinStateSlice, pinCommands, pinRoutes } from './pins';
import type { ProductsStateSlice } from './products';
import { type RadarStateSlice, radarCommands, radarRoutes } from './radar';
import { recapRoutes } from './recap';
import { reconcileRoutes } from './reconcile';
import { recordingsRoutes } from './recordings';
import { type SeatsStateSlice, seatCommands, seatRoutes } from './seats';
import type { SessionStateSlice } from './session';
import { type SourcesStateSlice, sourceCommands, sourceRoutes } from './sources';
import type { StorageStateSlice } from './storage';
import { type StudioStateSlice, studioCommands, studioRoutes } from './studio';
import type { SeatInfo } from './system';
import { type SystemState, systemCommands, systemRoutes } from './system';

export * from './define';
export * from './feed';
export * from './hotkeys';
export * from './obs';
export * from './overlay';
export * from './pins';
export * from './products';
export * from './radar';
export * from './recap';
export * from './reconcile';
export * from './recordings';
export * from './seats';
export * from './session';
export * from './sources';
export * from './storage';
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
  StorageStateSlice &
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
  /** How the call came: a seat's socket, or the control API (some records note it, e.g. who started a session). */
  via?: 'seat' | 'http';
}

/** The engine's implementation of every command: the handler map must satisfy this type. */
export type CommandHandlers = {
  [N in CommandName]: (
    args: z.output<Commands[N]['args']>,
    context: CommandContext,
  ) => Promise<CommandResult<N>> | CommandResult<N>;
};

/** Every HTTP route of the control API, keyed `'METHOD /path'` under /api/v1. */
export const routes = {
  ...systemRoutes,
  ...pinRoutes,
  ...seatRoutes,
  ...studioRoutes,
  ...recapRoutes,
  ...radarRoutes,
  ...obsRoutes,
  ...overlayRoutes,
  ...reconcileRoutes,
  ...sourceRoutes,
  ...recordingsRoutes,
} as const;

export type Routes = typeof routes;
export type RouteKey = keyof Routes & string;
/** Routes with their own handler (the others run a seat command's). */
export type HandlerRouteKey = { [K in RouteKey]: Routes[K] extends { kind: 'handler' } ? K : never }[RouteKey];
/** The HTTP answer of a route (a JSON body, or a FileReply). */
export type RouteResult<K extends RouteKey> = Routes[K] extends { result?: infer R } ? Exclude<R, undefined> : never;

/** The engine's handlers of route-only routes: the map must satisfy this type. */
export type RouteHandlers = {
  [K in HandlerRouteKey]: (
    input: RouteInputOf<K, Routes[K]>,
    context: CommandContext,
  ) => Promise<RouteResult<K>> | RouteResult<K>;
};
