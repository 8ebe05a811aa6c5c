import type { Language } from '../../../shared/language';

export type { Language };

export const LANGUAGES: { id: Language; label: string }[] = [
  { id: 'zh-CN', label: '简体中文' },
  { id: 'en', label: 'English' },
];

/** The saved choice, else `?lang=` (handy for links and tests), else Chinese. */
export function initialLanguage(): Language {
  const fromUrl = new URLSearchParams(globalThis.location?.search ?? '').get('lang');
  if (fromUrl === 'en' || fromUrl === 'zh-CN') return fromUrl;
  const saved = globalThis.localStorage?.getItem('maishou.language');
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return 'zh-CN';
}
