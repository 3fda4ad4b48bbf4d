import type { PageServerLoad } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { myClaims } from '$lib/server/services/portal';

export const load: PageServerLoad = () => {
	const actor = requireDebtor();
	return { groups: myClaims(getDb(), actor) };
};
