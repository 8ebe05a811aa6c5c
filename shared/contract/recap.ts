/**
 * Recap (复盘) routes: the session list with its totals, one session's recap, its comparisons and question
 * tables, and the shareable report as HTML or PDF. All GET, open to every seat role: viewers review recaps
 * read-only. The renderer's recap client builds its URLs and reads its types from these declarations.
 */
import { z } from 'zod';
import { LANGUAGE_IDS, type Language } from '../language';
import type { CompareBody, QuestionsBody, RecapBody, SessionListRow } from '../recap/types';
import { ANY_ROLE, type FileReply, route } from './define';

/** Languages of the recap report (the console's two). */
export const reportLangSchema = z.enum(LANGUAGE_IDS as [Language, ...Language[]]);

/** Rehearsals (彩排) in the comparison baselines: left out unless `include` is asked for. */
const rehearsalsQuery = z.enum(['include', 'exclude']).default('exclude');

export const recapRoutes = {
  'GET /recap/sessions': route<{ sessions: SessionListRow[] }>()({ roles: ANY_ROLE }),
  'GET /sessions/:id/recap': route<RecapBody>()({ roles: ANY_ROLE }),
  'GET /sessions/:id/recap/compare': route<CompareBody>()({
    roles: ANY_ROLE,
    query: z.object({ rehearsals: rehearsalsQuery }),
  }),
  'GET /sessions/:id/recap/questions': route<QuestionsBody>()({ roles: ANY_ROLE }),
  'GET /sessions/:id/report': route<FileReply>()({
    roles: ANY_ROLE,
    query: z.object({
      lang: reportLangSchema.default('zh-CN'),
      format: z.enum(['html', 'pdf']).default('html'),
      rehearsals: rehearsalsQuery,
    }),
  }),
};
