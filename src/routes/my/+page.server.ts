import type { PageServerLoad } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { claimsForPage, myClaims } from '$lib/server/services/portal';

export const load: PageServerLoad = ({ locals }) => {
	const actor = requireDebtor();
	return {
		groups: claimsForPage(locals.lang, myClaims(getDb(), actor)),
		scoped: actor.onlyCreditorId != null
	};
};
