/**
 * `t()` for components: the language and its dictionary come from the root layout's data
 * (src/routes/+layout.ts), so the same component renders Hungarian or English on the server and
 * in the browser, and the browser downloads only the language it shows.
 */
import { page } from '$app/state';
import { DEFAULT_LANG, format, isLang, type Lang, type MessageKey, type Params } from './core';

export function currentLang(): Lang {
	const l = page.data?.lang;
	return isLang(l) ? l : DEFAULT_LANG;
}

export function t(key: MessageKey, params?: Params): string {
	return params
		? format(page.data?.messages, key, params, currentLang())
		: format(page.data?.messages, key);
}

/** For messages that arrive as data (form errors, statuses from the server). */
export function tm(msg: { key: string; params?: Params } | undefined | null): string {
	return msg ? format(page.data?.messages, msg.key, msg.params, currentLang()) : '';
}

/** Whether a key that arrived as data has a text (else show it as it is). */
export function hasMessage(key: string): key is MessageKey {
	return !!page.data?.messages?.has(key);
}
