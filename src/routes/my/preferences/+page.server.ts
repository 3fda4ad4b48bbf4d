import type { Actions, PageServerLoad } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	getPreferences,
	savePreferences,
	OPT_OUT_CHANNELS,
	PREF_CHANNELS
} from '$lib/server/services/preferences';
import { failFrom } from '$lib/server/payments/route-errors';

export const load: PageServerLoad = ({ locals }) => {
	const actor = requireDebtor();
	return {
		prefs: getPreferences(getDb(), actor, locals.lang),
		channels: [...PREF_CHANNELS],
		optOutChannels: [...OPT_OUT_CHANNELS]
	};
};

export const actions: Actions = {
	default: async ({ request, cookies, locals }) => {
		const actor = requireDebtor();
		const form = await request.formData();
		const s = (k: string) => (typeof form.get(k) === 'string' ? String(form.get(k)) : '');
		const input = {
			preferredChannel: s('preferredChannel'),
			preferredFrom: s('preferredFrom'),
			preferredTo: s('preferredTo'),
			optOut: form.getAll('optOut').filter((v): v is string => typeof v === 'string'),
			language: s('language')
		};
		try {
			const saved = savePreferences(getDb(), actor, input);
			// the chosen language is also the site's language from now on
			if (saved.language !== locals.lang) {
				cookies.set('lang', saved.language, {
					path: '/',
					httpOnly: true,
					sameSite: 'lax',
					maxAge: 60 * 60 * 24 * 365
				});
			}
			return { saved: true };
		} catch (e) {
			return failFrom(e, { values: input });
		}
	}
};
