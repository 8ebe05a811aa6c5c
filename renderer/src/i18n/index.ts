/** A typed dictionary per language; zh-CN is the default, English available; the choice is remembered. */
import { useStudio } from '../store/studio';
import { translate } from './translate';
import type { MessageKey } from './zh-CN';

export { initialLanguage, LANGUAGES, type Language } from './language';
export { translate };

/** `const t = useT(); t('nav.live')` */
export function useT(): (key: MessageKey, vars?: Record<string, string | number>) => string {
  const language = useStudio((s) => s.language);
  return (key, vars) => translate(language, key, vars);
}

export type { MessageKey };
