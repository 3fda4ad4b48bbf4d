/**
 * Language basics shared by the server and the browser. No dictionary is imported here at run
 * time, so the browser only ever downloads the one language it shows (see messages.ts).
 */
import type hu from './hu';
import { formatDate } from '../format';
import { formatMoney, type Currency } from '../domain/money';
import { withArticle } from '../domain/articles';

export const LANGS = ['hu', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'hu';

export type MessageKey = keyof typeof hu;
export type Messages = Record<MessageKey, string>;
export type Params = Record<string, string | number>;

export function isLang(v: unknown): v is Lang {
	return v === 'hu' || v === 'en';
}

/**
 * A language's texts as pages look them up: a Map built once per language (and once more with the
 * staff texts). A page does a hundred lookups per render, and on a plain object of some 600 keys
 * each one was an inline-cache miss: about three times slower than a Map.
 */
export type Dictionary = ReadonlyMap<string, string>;

export function dictionary(...parts: Partial<Messages>[]): Dictionary {
	const d = new Map<string, string>();
	for (const part of parts)
		for (const [k, v] of Object.entries(part)) if (v !== undefined) d.set(k, v);
	return d;
}

/**
 * The text for a key with its `{name}` placeholders filled; an unknown key renders as itself.
 * With the reader's language, a date parameter (named in DATE_PARAMS) holding a calendar date
 * ('2027-01-02', as rules and services pass them) is written in words ('2027. január 2.' / '2 January 2027'): one place, so
 * no message shows a stored date.
 */
export function format(
	dict: Dictionary | undefined,
	key: string,
	params?: Params,
	lang?: Lang
): string {
	const text = dict?.get(key) ?? key;
	return params ? fill(text, params, lang) : text;
}

/** the parameters that carry calendar dates (a portfolio named '2026-03-02' stays as it is) */
const DATE_PARAMS = new Set(['date', 'latest', 'lastAllowed', 'first']);
const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * the parameters that carry an amount in minor units when the message names its `currency` (a
 * stored refusal keeps the number, so it reads in the reader's own way: 106 500 Ft / HUF 106,500)
 */
const MONEY_PARAMS = new Set(['sum', 'total']);
const isCurrency = (v: unknown): v is Currency => v === 'HUF' || v === 'EUR';

/** A parameter as the reader reads it: a calendar date or an amount in words, else as it is. */
function shown(name: string, v: string | number, params: Params, lang?: Lang): string {
	if (!lang) return String(v);
	if (typeof v === 'string' && DATE_PARAMS.has(name) && ISO_DATE.test(v))
		return formatDate(v, lang);
	if (typeof v === 'number' && MONEY_PARAMS.has(name) && isCurrency(params.currency))
		return formatMoney(v, params.currency, lang);
	return String(v);
}

/** `{name}` → params[name] (a word between braces; an unknown name stays as it is). */
function fill(text: string, params: Params, lang?: Lang): string {
	let out = '';
	let from = 0;
	for (let open = text.indexOf('{'); open >= 0; open = text.indexOf('{', open + 1)) {
		const close = text.indexOf('}', open);
		if (close < 0) break;
		const name = text.slice(open + 1, close);
		if (WORD.test(name) && Object.hasOwn(params, name)) {
			const value = shown(name, params[name], params, lang);
			const before = text.slice(from, open);
			out += (lang === 'hu' ? withArticle(before, value) : before) + value;
			from = close + 1;
			open = close;
		}
	}
	return from === 0 ? text : out + text.slice(from);
}

const WORD = /^\w+$/;
