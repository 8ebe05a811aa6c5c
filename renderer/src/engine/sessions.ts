/** Sessions are started and stopped through the control API (PROTOCOL.md D), with the seat's token. */
import { translate } from '../i18n';
import { useStudio } from '../store/studio';
import { useToasts } from '../store/toasts';
import { api } from './connection';

async function post(path: string, body: unknown): Promise<boolean> {
  const t = (key: 'error.generic' | 'error.forbidden', vars?: Record<string, string>) =>
    translate(useStudio.getState().language, key, vars);
  try {
    const response = await api(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.ok) return true;
    const reply = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
    useToasts
      .getState()
      .show(
        response.status === 403
          ? t('error.forbidden')
          : t('error.generic', { message: reply.error?.message ?? `HTTP ${response.status}` }),
        'error',
      );
  } catch (error) {
    useToasts.getState().show(t('error.generic', { message: String(error) }), 'error');
  }
  return false;
}

export const startSession = (title?: string) => post('/sessions/start', title ? { title } : {});
export const stopSession = () => post('/sessions/stop', {});
