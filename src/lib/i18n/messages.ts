/** Loads one language's dictionary as its own chunk, so a page ships one language, not two. */
import type { Lang, Messages } from './core';

export async function loadMessages(lang: Lang): Promise<Messages> {
	return lang === 'en' ? (await import('./en')).default : (await import('./hu')).default;
}
