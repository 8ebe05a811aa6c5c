/**
 * Question radar and demand heat as seats see them: open questions grouped ("12 人问 3号 尺码"), what
 * viewers are asking for, and a pin suggestion when that differs from the pinned product.
 */
import { z } from 'zod';
import type { HeatEntry, PinSuggestion, RadarGroup, RadarStats } from '../radar';
import type { SuggestedAnswer } from '../radar/answers';
import { ANY_ROLE, command, OPERATORS, type Role, route, viaCommand } from './define';

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

/** Who may mark questions answered: operators, and the prompter (the host's second screen or phone). */
const ANSWERERS: readonly Role[] = [...OPERATORS, 'prompter'];

export const radarCommands = {
  'radar.markAnswered': command<{ answered: boolean }>()(
    z.object({ groupId: z.string().min(1).max(100) }).strict(),
    ANSWERERS,
  ),
  /** Marks the most asked open group answered (a macro pad key): `groupId` null when none was open. */
  'radar.answerTop': command<{ answered: boolean; groupId: string | null }>()(z.object({}).strict(), ANSWERERS),
};

/** An open question group for programs (`GET /questions`), with the catalogue's suggested answer. */
export interface QuestionView
  extends Pick<RadarGroup, 'id' | 'productId' | 'intent' | 'askers' | 'asks' | 'firstAt' | 'lastAt' | 'context'> {
  linkNo: number | null;
  answer: SuggestedAnswer;
}

export const radarRoutes = {
  'GET /questions': route<{ questions: QuestionView[] }>()({
    roles: ANY_ROLE,
    query: z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
  }),
  'POST /questions/answer-top': viaCommand(radarCommands, 'radar.answerTop'),
  'POST /questions/:groupId/answered': viaCommand(radarCommands, 'radar.markAnswered', {
    body: z.looseObject({}),
    args: ({ params }) => ({ groupId: params.groupId }),
  }),
};

export interface RadarStateSlice {
  radar: RadarState;
}
