import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { claimHoldsByReference, OPERATOR_HOLD_KINDS } from '$lib/server/services/holds';
import { MAX } from '$lib/server/http';
import { endHoldAction, startHoldAction } from './hold-actions';

export const load: PageServerLoad = ({ url }) => {
	const actor = requireRole('operator', 'admin');
	const ref = (url.searchParams.get('ref') ?? '').trim().slice(0, MAX.line);
	return {
		ref,
		kinds: OPERATOR_HOLD_KINDS,
		claims: ref ? claimHoldsByReference(getDb(), actor, ref) : null
	};
};

export const actions: Actions = {
	start: startHoldAction((claimId) => ({ started: true, claimId: String(claimId) })),
	end: endHoldAction(() => ({ ended: true }))
};
