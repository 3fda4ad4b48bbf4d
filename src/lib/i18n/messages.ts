/**
 * Loads dictionaries as their own chunks, so a page ships one language, not two, and a debtor's
 * page never ships the staff areas' texts. The root layout loads the base part; the /admin,
 * /ops and /creditor layouts add the staff part. Each language's dictionary is built once (texts
 * are static) and shared by every page after that.
 */
import { dictionary, type Dictionary, type Lang } from './core';

const built = new Map<string, Promise<Dictionary>>();

/** A dictionary built once under its name; a build that failed is tried again on the next call. */
export function buildOnce(name: string, build: () => Promise<Dictionary>): Promise<Dictionary> {
	let d = built.get(name);
	if (!d) {
		// a chunk that failed to load (a dropped connection in the browser) is tried again next time
		d = build().catch((e) => {
			built.delete(name);
			throw e;
		});
		built.set(name, d);
	}
	return d;
}

/** the base dictionary's chunk (also for messages-more.ts) */
export const base = (lang: Lang) =>
	(lang === 'en' ? import('./en/base') : import('./hu/base')).then((m) => m.default);
const staff = (lang: Lang) =>
	(lang === 'en' ? import('./en/staff') : import('./hu/staff')).then((m) => m.default);

export function loadMessages(lang: Lang): Promise<Dictionary> {
	return buildOnce(lang, async () => dictionary(await base(lang)));
}

export function withStaffMessages(lang: Lang): Promise<Dictionary> {
	return buildOnce(`${lang}+staff`, async () => dictionary(await base(lang), await staff(lang)));
}
