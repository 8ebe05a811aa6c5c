/**
 * Sessions and catalogue edits, and control API calls (PROTOCOL.md D) with this seat's token, their
 * failures shown in one place. Imports go over HTTP for their upload progress.
 */
import { type MessageKey, translate } from '../i18n';
import { move } from '../live/run-of-show';
import { useStudio } from '../store/studio';
import { useToasts } from '../store/toasts';
import { run } from './actions';
import { api } from './connection';
import type { ConsoleCommandArgs } from './contract';

const t = (key: MessageKey, vars?: Record<string, string>) => translate(useStudio.getState().language, key, vars);

/** Sends a JSON request; resolves to the reply body, or null after telling the user what went wrong. */
export async function send<T>(method: string, path: string, body: unknown): Promise<T | null> {
  try {
    const response = await api(path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const reply = (await response.json().catch(() => ({}))) as T & { error?: { message?: string; path?: string } };
    if (response.ok) return reply;
    const message = reply.error?.message ?? `HTTP ${response.status}`;
    useToasts
      .getState()
      .show(
        response.status === 403
          ? t('error.forbidden')
          : response.status === 404 && !reply.error
            ? t('error.unknown_command', { message: path })
            : t('error.generic', { message }),
        'error',
      );
  } catch (error) {
    useToasts.getState().show(t('error.generic', { message: String(error) }), 'error');
  }
  return null;
}

/** Sessions and catalogue edits as seat commands (shared/contract/studio.ts). */
export const startSession = async (title?: string, rehearsal?: boolean) =>
  (await run('session.start', { ...(title ? { title } : {}), ...(rehearsal ? { rehearsal } : {}) })) !== null;
export const stopSession = async () => (await run('session.stop', { confirm: true })) !== null;

/** New run-of-show order: every product id, in order. */
export const reorderProducts = (productIds: string[]) => run('products.reorder', { productIds });

/** Moves the product at `from` to `to` in the run-of-show. */
export const moveProduct = (products: readonly { productId: string }[], from: number, to: number) =>
  reorderProducts(
    move(
      products.map((p) => p.productId),
      from,
      to,
    ),
  );

export const updateProduct = (productId: string, patch: ConsoleCommandArgs<'products.update'>['patch']) =>
  run('products.update', { productId, patch });
