import { loadMessages } from '$lib/i18n/messages';
import type { LayoutLoad } from './$types';

// Universal load: the dictionary is imported, not serialised into every page.
export const load: LayoutLoad = async ({ data }) => ({
	...data,
	messages: await loadMessages(data.lang)
});
