/** Pure lookup in the typed dictionaries (no React), for hooks, actions and unit tests. */
import { en } from './en';
import type { Language } from './language';
import { type MessageKey, zhCN } from './zh-CN';

const dictionaries: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export function translate(language: Language, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = dictionaries[language][key] ?? zhCN[key];
  return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
}
