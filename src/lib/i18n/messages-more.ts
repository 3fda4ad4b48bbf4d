/**
 * Dictionaries for a few pages only, on top of the base one: the portal's second-round pages
 * (dispute threads, hardship, the total on /my) and the public pages (landing, "is this genuine?",
 * sign-in by reference). The other debtor pages (the plan page is near its JavaScript budget)
 * never download them. Its own module, so the chunk every page shares (messages.ts, imported by
 * the root layout) does not grow.
 */
import { dictionary, type Dictionary, type Lang } from './core';
import { base, buildOnce } from './messages';

const portalMore = (lang: Lang) =>
	(lang === 'en' ? import('./en/portal-more') : import('./hu/portal-more')).then((m) => m.default);

export function withPortalMore(lang: Lang): Promise<Dictionary> {
	return buildOnce(`${lang}+more`, async () =>
		dictionary(await base(lang), await portalMore(lang))
	);
}

const publicTexts = (lang: Lang) =>
	(lang === 'en' ? import('./en/public') : import('./hu/public')).then((m) => m.default);

export function withPublicTexts(lang: Lang): Promise<Dictionary> {
	return buildOnce(`${lang}+public`, async () =>
		dictionary(await base(lang), await publicTexts(lang))
	);
}
