/**
 * Where the studio writes (its data folder, OBS's recording folder) and whether the disk lets it: seen by
 * every seat and in GET /status, so a full disk is noticed before it costs a show.
 */

export interface StorageFolder {
  kind: 'data' | 'recording';
  path: string;
  /** Free bytes for this user, null when the folder could not be checked. */
  freeBytes: number | null;
  /** Below the warning threshold ("disk almost full"). */
  low: boolean;
}

export interface StorageState {
  folders: StorageFolder[];
  /** A write was refused for lack of space (ledger or log) and none has succeeded since. */
  full: boolean;
  /**
   * The ledger refuses new events (full disk, I/O error): they wait at the gateway and are applied from
   * the last applied seq once it can write again. Null when it writes.
   */
  ledgerWriteFailing: { code: string; since: number } | null;
  /** Log lines dropped because the disk refused them, since the engine started. */
  droppedLogLines: number;
}

/** The ledger file could not be opened safely: nothing is recorded until the host acts. */
export interface LedgerProblem {
  code: 'ledger_damaged' | 'ledger_unavailable';
  message: string;
}

export interface StorageStateSlice {
  storage: StorageState;
  /** Null while the ledger records; otherwise why it does not and what to do. */
  ledgerProblem: LedgerProblem | null;
}

export const EMPTY_STORAGE: StorageState = { folders: [], full: false, ledgerWriteFailing: null, droppedLogLines: 0 };
