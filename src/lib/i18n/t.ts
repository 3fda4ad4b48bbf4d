/**
 * `t()` for components: the language comes from the root layout's data, so the same component
 * renders Hungarian or English on the server and in the browser without a store.
 */
import { page } from '$app/state';
import { translate, DEFAULT_LANG, isLang, type MessageKey, type Params, type Lang } from './index';

export function currentLang(): Lang {
	const l = page.data?.lang;
	return isLang(l) ? l : DEFAULT_LANG;
}

export function t(key: MessageKey, params?: Params): string {
	return translate(currentLang(), key, params);
}

/** For messages that arrive as data (form errors from the server). */
export function tm(msg: { key: string; params?: Params } | undefined | null): string {
	return msg ? translate(currentLang(), msg.key, msg.params) : '';
}
