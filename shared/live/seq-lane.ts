/**
 * Two numbering lanes share one room in the ledger. The gateway numbers its events 1, 2, 3 ... per room
 * (PROTOCOL.md A); events that arrive on this machine (POST /bridge/events, the Social Stream Ninja
 * listener) have no gateway seq, so the engine numbers them itself from LOCAL_SEQ_BASE up. The two ranges
 * never meet (a gateway would need 2^50 events in one room), so rows keyed by (room, at, seq) never
 * collide, and each lane keeps its own "last applied seq": a local event never makes a gateway seq look
 * old, nor the reverse. Ids are shared: an event id already recorded in the room is a duplicate whichever
 * lane it came by.
 */

/** First seq of the local lane (exclusive): local events are numbered LOCAL_SEQ_BASE + 1, + 2, ... */
export const LOCAL_SEQ_BASE = 2 ** 50;

const LOCAL_SUFFIX = '#local';

/** True when `seq` was assigned by the engine to an event that came in on this machine. */
export const isLocalSeq = (seq: number): boolean => seq > LOCAL_SEQ_BASE;

/** The key a seq is tracked under: the room for gateway seqs, `room#local` for local ones. */
export const seqLane = (room: string, seq: number): string => (isLocalSeq(seq) ? localLane(room) : room);

/** The local lane of a room. */
export const localLane = (room: string): string => `${room}${LOCAL_SUFFIX}`;

/** The room a lane key belongs to. */
export const laneRoom = (lane: string): string =>
  lane.endsWith(LOCAL_SUFFIX) ? lane.slice(0, -LOCAL_SUFFIX.length) : lane;
