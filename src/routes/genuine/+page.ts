import { withPortalMore } from '$lib/i18n/messages';
import type { PageLoad } from './$types';

// this page's texts load here only (see $lib/i18n/messages.ts)
export const load: PageLoad = async ({ parent }) => {
	const { lang } = await parent();
	return { messages: await withPortalMore(lang) };
};
