import { withStaffMessages } from '$lib/i18n/messages';
import type { LayoutLoad } from './$types';

// staff texts only where staff work (see $lib/i18n/messages.ts)
export const load: LayoutLoad = async ({ parent }) => {
	const { lang } = await parent();
	return { messages: await withStaffMessages(lang) };
};
