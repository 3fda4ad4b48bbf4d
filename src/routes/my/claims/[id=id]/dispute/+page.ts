import { withPortalMore } from '$lib/i18n/messages-more';
import type { PageLoad } from './$types';

// the thread's texts load on this page only (see $lib/i18n/messages.ts)
export const load: PageLoad = async ({ data, parent }) => {
	const { lang } = await parent();
	return { ...data, messages: await withPortalMore(lang) };
};
