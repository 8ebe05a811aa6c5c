/**
 * The question radar's commands and routes: mark a group answered (a seat, the prompter, or a macro pad
 * by group id or "the top one"), and the open groups for programs with the catalogue's suggested answers.
 */
import type { CommandHandlers, Product, QuestionView, RouteHandlers } from '../../../shared/contract';
import { StudioError } from '../../../shared/errors';
import { suggestAnswer } from '../../../shared/radar/answers';
import type { ChatIntel } from './chat-intel';

export function createRadarService(intel: ChatIntel, products: () => readonly Product[]) {
  const handlers: Pick<CommandHandlers, 'radar.markAnswered' | 'radar.answerTop'> = {
    'radar.markAnswered': (a) => {
      const answered = intel.markAnswered(a.groupId);
      if (!answered)
        throw new StudioError('unknown_group', `No open question group ${a.groupId}`, { status: 404, path: 'groupId' });
      return { answered };
    },
    'radar.answerTop': () => {
      const top = intel.snapshot().open[0];
      if (!top) return { answered: false, groupId: null };
      return { answered: intel.markAnswered(top.id), groupId: top.id };
    },
  };
  const routeHandlers: Pick<RouteHandlers, 'GET /questions'> = {
    'GET /questions': ({ query }) => {
      const byId = new Map(products().map((p) => [p.productId, p]));
      const questions: QuestionView[] = intel.snapshot().open.map((g) => {
        const product = g.productId === null ? null : (byId.get(g.productId) ?? null);
        return {
          id: g.id,
          productId: g.productId,
          linkNo: product?.linkNo ?? null,
          intent: g.intent,
          askers: g.askers,
          asks: g.asks,
          firstAt: g.firstAt,
          lastAt: g.lastAt,
          context: g.context,
          answer: suggestAnswer(g.intent, product, query.lang),
        };
      });
      return { questions };
    },
  };
  return { handlers, routeHandlers };
}
