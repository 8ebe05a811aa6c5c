/**
 * What follows every pin change besides seats and overlays: its record in the ledger (the recap's
 * segments), the chat intel (questions about the pinned product) and the live tally.
 */

import type { Ledger } from '../ledger/ledger';
import type { ChatIntel } from '../live/chat-intel';
import type { LiveService } from '../live/live-service';
import type { Logger } from '../log';
import type { StorageMonitor } from '../storage-monitor';
import type { PinBoard } from './pin-board';

export function followPins(
  board: PinBoard,
  deps: { ledger: Ledger; intel: ChatIntel; live: LiveService; storage: StorageMonitor; logger: Logger },
): void {
  const { ledger, intel, live, storage, logger } = deps;
  board.onChange(() => {
    const pinned = board.state.pinned;
    try {
      if (pinned) ledger.pin(pinned.productId, pinned.since);
      else ledger.unpin(Date.now());
    } catch (error) {
      // The pin itself stands (seats, overlays); only its record for the recap is missing.
      logger.error({ err: error }, 'pin change not recorded in the ledger');
      storage.ledgerWriteFailed(error);
    }
    intel.setPinned(pinned?.productId ?? null, pinned?.since ?? Date.now());
    live.pinChanged(pinned?.productId ?? null);
  });
  intel.setPinned(board.state.pinned?.productId ?? null, board.state.pinned?.since ?? Date.now());
}
