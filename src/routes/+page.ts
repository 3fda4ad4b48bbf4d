import { withPublicTexts } from '$lib/i18n/messages-more';
import type { PageLoad } from './$types';

// this page's texts load here only (see $lib/i18n/messages.ts)
export const load: PageLoad = async ({ parent }) => {
	const { lang } = await parent();
	return { messages: await withPublicTexts(lang) };
};
