/**
 * The socket.io server seats talk to (this window, assistants' browsers, phones). Every command is
 * checked against the contract: known name, allowed role, arguments valid; only then does its handler
 * run, so a refused command changes nothing. On connect a seat gets the whole state, then patches.
 */
import type { Server, Socket } from 'socket.io';
import {
  COMMAND_EVENT,
  type CommandHandlers,
  type CommandName,
  type CommandReply,
  type ConnectedSeat,
  commands,
  type FeedBatch,
  type SeatInfo,
  type StudioState,
} from '../../../shared/contract';
import { fromZodError, StudioError } from '../../../shared/errors';
import type { Logger } from '../log';
import type { StateStore } from '../state';
import type { TokenStore } from '../tokens';
import {
  bufferedBytes,
  DEFAULT_MAX_BUFFERED_BYTES,
  DEFAULT_MAX_CONNECTIONS_PER_TOKEN,
  dropConnection,
} from './seat-backpressure';

export interface SeatServerOptions {
  /** The engine's socket.io server (createSocketServer); closing the seat server closes it. */
  io: Server;
  tokens: TokenStore;
  state: StateStore<StudioState>;
  handlers: CommandHandlers;
  logger: Logger;
  /** Recent chat and orders a seat sees right after its snapshot. */
  backlog?: () => FeedBatch;
  /** Called whenever seats connect or disconnect (the host's "who is here" list). */
  onSeatsChanged?: (seats: ConnectedSeat[]) => void;
  /** Bytes queued for one socket before it is dropped (it reconnects and resyncs). */
  maxBufferedBytes?: number;
  /** Live connections one token may hold; one more is refused with `too_many_connections`. */
  maxConnectionsPerToken?: number;
}

export interface SeatServer {
  io: Server;
  /** Seats connected now, for the host's "who is here" list. */
  connectedSeats(): ConnectedSeat[];
  /** Sends a feed batch to every seat. */
  emitFeed(batch: FeedBatch): void;
  close(): Promise<void>;
}

const isCommandName = (name: unknown): name is CommandName => typeof name === 'string' && Object.hasOwn(commands, name);

export function startSeatServer(options: SeatServerOptions): SeatServer {
  const { io, tokens, state, handlers, logger } = options;
  const maxBuffered = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
  const maxPerToken = options.maxConnectionsPerToken ?? DEFAULT_MAX_CONNECTIONS_PER_TOKEN;
  const seats = io.of('/seat');

  seats.use((socket, next) => {
    const identity = tokens.identify(socket.handshake.auth?.token);
    if (!identity || identity.role === 'overlay') {
      next(new Error('bad_token'));
      return;
    }
    // A bridge token only pushes live events in (POST /bridge/events); it never sees the studio.
    if (identity.role === 'bridge') {
      next(new Error('forbidden'));
      return;
    }
    let open = 0;
    for (const other of seats.sockets.values()) if ((other.data.seat as SeatInfo).id === identity.seatId) open++;
    if (open >= maxPerToken) {
      logger.warn({ seat: identity.seatId, open }, 'seat refused: too many connections for one token');
      next(new Error('too_many_connections'));
      return;
    }
    socket.data.seat = { id: identity.seatId, role: identity.role, label: identity.label } satisfies SeatInfo;
    next();
  });

  seats.on('connection', (socket: Socket) => {
    const seat = socket.data.seat as SeatInfo;
    socket.join(`seat:${seat.id}`);
    logger.info({ seat: seat.id, role: seat.role }, 'seat connected');
    socket.emit('snapshot', { state: state.get(), seat });
    if (options.backlog) socket.emit('feed', options.backlog());
    seatsChanged();
    socket.on(COMMAND_EVENT, async (name: unknown, args: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const reply = await runCommand(name, args, seat);
      ack(reply);
    });
    socket.on('disconnect', (reason) => {
      logger.info({ seat: seat.id, reason }, 'seat disconnected');
      seatsChanged();
    });
  });

  /** Drops every socket whose queue passed the cap; called after each broadcast (queues grow only then). */
  function shedSlowSockets(): void {
    for (const socket of seats.sockets.values()) {
      const queued = bufferedBytes(socket);
      if (queued <= maxBuffered) continue;
      const seat = socket.data.seat as SeatInfo;
      logger.warn({ seat: seat.id, queued, transport: socket.conn.transport.name }, 'slow seat dropped: it resyncs');
      dropConnection(socket);
    }
  }

  const onPatch = (patch: Partial<StudioState>) => {
    seats.emit('patch', patch);
    shedSlowSockets();
  };
  state.on('patch', onPatch);
  const offRevoke = tokens.onRevoke((seatId) => seats.in(`seat:${seatId}`).disconnectSockets(true));

  function connectedSeats(): ConnectedSeat[] {
    const byId = new Map<string, ConnectedSeat>();
    for (const socket of seats.sockets.values()) {
      const seat = socket.data.seat as SeatInfo;
      const entry = byId.get(seat.id);
      if (entry) entry.connections += 1;
      else byId.set(seat.id, { ...seat, connections: 1, address: socket.handshake.address });
    }
    return [...byId.values()];
  }

  function seatsChanged(): void {
    options.onSeatsChanged?.(connectedSeats());
  }

  async function runCommand(name: unknown, args: unknown, seat: SeatInfo): Promise<CommandReply<CommandName>> {
    try {
      if (!isCommandName(name)) throw new StudioError('unknown_command', `Unknown command ${String(name)}`);
      const spec = commands[name];
      if (!spec.roles.includes(seat.role)) {
        throw new StudioError('forbidden', `A ${seat.role} seat may not run ${name}`, { status: 403 });
      }
      const parsed = spec.args.safeParse(args ?? {});
      if (!parsed.success) throw fromZodError(parsed.error, 'invalid_arguments');
      const handler = handlers[name] as (a: unknown, c: { seat: SeatInfo }) => unknown;
      const result = await handler(parsed.data, { seat });
      return { ok: true, result } as CommandReply<CommandName>;
    } catch (error) {
      if (error instanceof StudioError) {
        const body = error.toBody();
        return { ok: false, ...body };
      }
      logger.error({ err: error, command: String(name) }, 'command failed');
      return { ok: false, error: { code: 'internal_error', message: 'The engine failed to run this command' } };
    }
  }

  return {
    io,
    connectedSeats,
    emitFeed: (batch) => {
      seats.emit('feed', batch);
      shedSlowSockets();
    },
    async close() {
      state.off('patch', onPatch);
      offRevoke();
      seats.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
