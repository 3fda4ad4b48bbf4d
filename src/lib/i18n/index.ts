/**
 * Translations. Hungarian is the source; every English dictionary is typed against its Hungarian
 * twin, so a missing key fails type checking. Dictionaries are split by area so they stay small
 * and each area owns its own file.
 */
import huCommon from './hu/common';
import enCommon from './en/common';
import huAuth from './hu/auth';
import enAuth from './en/auth';
import huAdmin from './hu/admin';
import enAdmin from './en/admin';
import huPortal from './hu/portal';
import enPortal from './en/portal';
import huPayments from './hu/payments';
import enPayments from './en/payments';
import huPlans from './hu/plans';
import enPlans from './en/plans';
import huOps from './hu/ops';
import enOps from './en/ops';
import huCreditor from './hu/creditor';
import enCreditor from './en/creditor';

export const LANGS = ['hu', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'hu';

const hu = { ...huCommon, ...huAuth, ...huAdmin, ...huPortal, ...huPayments, ...huPlans, ...huOps, ...huCreditor };
export type MessageKey = keyof typeof hu;
const en: Record<MessageKey, string> = {
	...enCommon,
	...enAuth,
	...enAdmin,
	...enPortal,
	...enPayments,
	...enPlans,
	...enOps,
	...enCreditor
};

const dictionaries: Record<Lang, Record<MessageKey, string>> = { hu, en };

export type Params = Record<string, string | number>;

export function isLang(v: unknown): v is Lang {
	return v === 'hu' || v === 'en';
}

/** Looks a message up and fills `{name}` placeholders. Unknown keys render as themselves. */
export function translate(lang: Lang, key: MessageKey | string, params?: Params): string {
	const dict = dictionaries[lang] ?? dictionaries[DEFAULT_LANG];
	let text: string = (dict as Record<string, string>)[key] ?? (hu as Record<string, string>)[key] ?? key;
	if (params) {
		text = text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
	}
	return text;
}

export function hasKey(key: string): key is MessageKey {
	return key in hu;
}
