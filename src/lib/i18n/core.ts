/**
 * Language basics shared by the server and the browser. No dictionary is imported here at run
 * time, so the browser only ever downloads the one language it shows (see messages.ts).
 */
import type hu from './hu';

export const LANGS = ['hu', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'hu';

export type MessageKey = keyof typeof hu;
export type Messages = Record<MessageKey, string>;
export type Params = Record<string, string | number>;

export function isLang(v: unknown): v is Lang {
	return v === 'hu' || v === 'en';
}

/** Fills `{name}` placeholders; an unknown key renders as itself. */
export function format(dict: Messages | undefined, key: string, params?: Params): string {
	let text: string = (dict as Record<string, string> | undefined)?.[key] ?? key;
	if (params) {
		text = text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
	}
	return text;
}
