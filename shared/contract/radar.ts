/**
 * Question radar and demand heat as seats see them: open questions grouped ("12 人问 3号 尺码"), what
 * viewers are asking for, and a pin suggestion when that differs from the pinned product.
 */
import { z } from 'zod';
import type { HeatEntry, PinSuggestion, RadarGroup, RadarStats } from '../radar';
import { command, OPERATORS } from './define';

export interface RadarState {
  open: RadarGroup[];
  answeredRecent: RadarGroup[];
  stats: RadarStats;
  demand: HeatEntry[];
  suggestion: PinSuggestion | null;
}

export const EMPTY_RADAR: RadarState = {
  open: [],
  answeredRecent: [],
  stats: {
    questions: 0,
    answeredGroups: 0,
    expiredGroups: 0,
    droppedGroups: 0,
    medianLatencyMs: null,
    meanLatencyMs: null,
  },
  demand: [],
  suggestion: null,
};

export const radarCommands = {
  'radar.markAnswered': command<{ answered: boolean }>()(z.object({ groupId: z.string().min(1).max(100) }).strict(), [
    ...OPERATORS,
    'prompter',
  ]),
};

export interface RadarStateSlice {
  radar: RadarState;
}
