import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	getPreferences,
	savePreferences,
	OPT_OUT_CHANNELS,
	PREF_CHANNELS
} from '$lib/server/services/preferences';
import { submitForm } from '$lib/server/http';

export const load: PageServerLoad = ({ locals }) => {
	const actor = requireDebtor();
	return {
		// signed in by a claim reference: the page says why it shows nothing (assertLinkSession)
		prefs: actor.onlyCreditorId != null ? null : getPreferences(getDb(), actor, locals.lang),
		channels: [...PREF_CHANNELS],
		optOutChannels: [...OPT_OUT_CHANNELS]
	};
};

/** The shapes; the service checks the rules (times in order, a preferred channel not opted out). */
const schema = z.object({
	preferredChannel: z.union([z.literal(''), z.enum(PREF_CHANNELS)], 'form.invalid'),
	preferredFrom: z.string().max(5, 'portal.prefs.error.time'),
	preferredTo: z.string().max(5, 'portal.prefs.error.time'),
	// an unknown value is refused next to the field: read as "none" it cleared every opt-out
	optOut: z.array(z.enum(OPT_OUT_CHANNELS, 'form.invalid')).max(OPT_OUT_CHANNELS.length),
	language: z.enum(['hu', 'en'], 'form.invalid')
});

export const actions: Actions = {
	default: async ({ request, cookies, locals }) => {
		const actor = requireDebtor();
		return submitForm(request, schema, (data) => {
			const saved = savePreferences(getDb(), actor, data);
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
		});
	}
};
