/**
 * A seat as the console is one: a stock socket.io client on `/seat` (long-polling first) that keeps the
 * state it is sent (snapshot, then patches), counts the feed, and calls seat commands.
 */
import { io, type Socket } from 'socket.io-client';
import type { FeedBatch, Snapshot, StudioState } from '../../shared/contract';

export type Json = Record<string, unknown>;

export function seat(url: string, token: string) {
  const socket: Socket = io(`${url}/seat`, { auth: { token } });
  const view = { state: null as StudioState | null, chat: 0, orders: 0, chatIds: [] as string[] };
  socket.on('snapshot', (s: Snapshot) => {
    view.state = s.state;
  });
  socket.on('patch', (p: Partial<StudioState>) => {
    if (view.state) view.state = { ...view.state, ...p };
  });
  socket.on('feed', (b: FeedBatch) => {
    view.chat += b.chat.length;
    view.orders += b.orders.length;
    view.chatIds.push(...b.chat.map((c) => c.id));
  });
  const call = async (name: string, args: Json = {}) => socket.emitWithAck('command', name, args);
  return { socket, view, call };
}
