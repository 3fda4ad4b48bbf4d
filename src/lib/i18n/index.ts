/**
 * Translations for server code (routes, services, PDFs) and tests: both languages at hand.
 * Components use `t()` from ./t, which gets only the current language through the root layout.
 * Dictionaries are split by area (hu/<area>.ts, en/<area>.ts); English is typed against Hungarian.
 */
import hu from './hu';
import en from './en';
import {
	DEFAULT_LANG,
	dictionary,
	format,
	type Dictionary,
	type Lang,
	type MessageKey,
	type Params
} from './core';

export * from './core';

const dictionaries: Record<Lang, Dictionary> = { hu: dictionary(hu), en: dictionary(en) };

export function messagesFor(lang: Lang): Dictionary {
	return dictionaries[lang] ?? dictionaries[DEFAULT_LANG];
}

/** A text in the given language; a key English lacks falls back to Hungarian. */
export function translate(lang: Lang, key: MessageKey | string, params?: Params): string {
	const dict = messagesFor(lang);
	return format(dict.has(key) ? dict : dictionaries[DEFAULT_LANG], key, params, lang);
}

export function hasKey(key: string): key is MessageKey {
	return key in hu;
}
