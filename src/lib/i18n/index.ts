/**
 * Translations for server code (routes, services, PDFs) and tests: both languages at hand.
 * Components use `t()` from ./t, which gets only the current language through the root layout.
 * Dictionaries are split by area (hu/<area>.ts, en/<area>.ts); English is typed against Hungarian.
 */
import hu from './hu';
import en from './en';
import { DEFAULT_LANG, format, type Lang, type MessageKey, type Messages, type Params } from './core';

export * from './core';

const dictionaries: Record<Lang, Messages> = { hu, en };

export function messagesFor(lang: Lang): Messages {
	return dictionaries[lang] ?? dictionaries[DEFAULT_LANG];
}

export function translate(lang: Lang, key: MessageKey | string, params?: Params): string {
	const dict = messagesFor(lang);
	return format(key in dict ? dict : hu, key, params);
}

export function hasKey(key: string): key is MessageKey {
	return key in hu;
}
