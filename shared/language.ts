/** The studio's languages, one type for console, recap, report and overlays: Simplified Chinese (default) and English. */
export type Language = 'zh-CN' | 'en';

export const LANGUAGE_IDS: readonly Language[] = ['zh-CN', 'en'];
