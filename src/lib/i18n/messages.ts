/**
 * Loads dictionaries as their own chunks, so a page ships one language, not two, and a debtor's
 * page never ships the staff areas' texts. The root layout loads the base part; the /admin,
 * /ops and /creditor layouts add the staff part.
 */
import type { Lang, Messages } from './core';

export async function loadMessages(lang: Lang): Promise<Messages> {
	const base = lang === 'en' ? (await import('./en/base')).default : (await import('./hu/base')).default;
	return base as Messages;
}

export async function withStaffMessages(lang: Lang, messages: Messages | undefined): Promise<Messages> {
	const staff = lang === 'en' ? (await import('./en/staff')).default : (await import('./hu/staff')).default;
	return { ...messages, ...staff } as Messages;
}
