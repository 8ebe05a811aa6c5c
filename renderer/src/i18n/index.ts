/** A typed dictionary per language; zh-CN is the default, English available; the choice is remembered. */
import { useStudio } from '../store/studio';
import { en } from './en';
import type { Language } from './language';
import { type MessageKey, zhCN } from './zh-CN';

export { initialLanguage, LANGUAGES, type Language } from './language';

const dictionaries: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function translate(language: Language, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = dictionaries[language][key] ?? zhCN[key];
  return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
}

/** `const t = useT(); t('nav.live')` */
export function useT(): (key: MessageKey, vars?: Record<string, string | number>) => string {
  const language = useStudio((s) => s.language);
  return (key, vars) => translate(language, key, vars);
}

export type { MessageKey };
