/** Engine-wide commands and state: who am I, what is the engine, the control API's status. */
import { z } from 'zod';
import { ANY_ROLE, command, type FileReply, HOST_ONLY, type Role, route, viaCommand } from './define';

export interface EngineInfo {
  version: string;
  startedAt: number;
  /** Where the engine serves seats, e.g. http://127.0.0.1:17380 */
  url: string;
  /** True while the engine itself is shutting down (seats show it in words). */
  stopping: boolean;
}

/** The engine's ready line (PROTOCOL.md F): stdout when headless, a message to the desktop shell otherwise. */
export interface ReadyInfo {
  ready: true;
  url: string;
  controlToken: string;
  overlayToken: string;
  /** The gateway's URL, `demo`, or `local` (bridges only). */
  gateway: string;
}

export interface SeatInfo {
  id: string;
  role: Role;
  label: string;
}

/** GET /api/v1/status, exactly as PROTOCOL.md D writes it. */
export interface StatusResponse {
  obs: { connected: boolean; streaming: boolean; recording: boolean; scene: string | null };
  gateway: { connected: boolean; lastSeq: number };
  session: { id: string; startedAt: number } | null;
  /** A session a crash left open past the resume window: resume or close it (POST /sessions/{id}/resume|close). */
  interrupted: { id: string; title: string; startedAt: number } | null;
  pinned: { productId: string; since: number } | null;
  /**
   * Beyond PROTOCOL D (added fields only): free space where the studio writes, whether the disk refuses
   * writes, and whether the ledger records (docs/control-api.md).
   */
  storage: StatusStorage;
}

export interface StatusStorage {
  /** Some folder is below the warning threshold. */
  low: boolean;
  /** A write was refused for lack of space and none has succeeded since. */
  full: boolean;
  /** The ledger refuses events right now (they wait at the gateway): the error code, else null. */
  ledgerWriteFailing: string | null;
  /** Why the ledger is not recording at all (damaged file, no healthy backup), else null. */
  ledgerProblem: string | null;
  droppedLogLines: number;
  folders: { kind: 'data' | 'recording'; path: string; freeBytes: number | null; low: boolean }[];
}

export const systemCommands = {
  'status.get': command<StatusResponse>()(z.object({}).strict(), ANY_ROLE),
};

export const systemRoutes = {
  'GET /status': viaCommand(systemCommands, 'status.get'),
  /** The support bundle: the engine's logs, secrets scrubbed, gzip. */
  'GET /support/logs': route<FileReply>()({ roles: HOST_ONLY }),
};

export interface SystemState {
  engine: EngineInfo;
}
