import { describe, expect, it } from 'vitest';
import { isLocalSeq, LOCAL_SEQ_BASE, laneRoom, localLane, seqLane } from './seq-lane';

describe('seq lanes', () => {
  it('keeps gateway seqs in the room lane and local seqs in their own', () => {
    expect(seqLane('r1', 1)).toBe('r1');
    expect(seqLane('r1', LOCAL_SEQ_BASE)).toBe('r1');
    expect(seqLane('r1', LOCAL_SEQ_BASE + 1)).toBe('r1#local');
    expect(isLocalSeq(LOCAL_SEQ_BASE + 1)).toBe(true);
    expect(isLocalSeq(42)).toBe(false);
  });

  it('maps a lane back to its room', () => {
    expect(laneRoom(localLane('demo'))).toBe('demo');
    expect(laneRoom('demo')).toBe('demo');
  });

  it('stays within safe integers for a very long local lane', () => {
    expect(Number.isSafeInteger(LOCAL_SEQ_BASE + 10 ** 12)).toBe(true);
  });
});
