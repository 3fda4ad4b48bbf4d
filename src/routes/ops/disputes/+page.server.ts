import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { answerDispute, openDisputesForOps } from '$lib/server/services/disputes';
import { failFrom } from '$lib/server/payments/route-errors';

export const load: PageServerLoad = () => {
	const actor = requireRole('operator', 'admin');
	return { disputes: openDisputesForOps(getDb(), actor) };
};

export const actions: Actions = {
	answer: async ({ request }) => {
		const actor = requireRole('operator', 'admin');
		const form = await request.formData();
		const s = (k: string) => (typeof form.get(k) === 'string' ? String(form.get(k)) : '');
		const disputeId = Number(s('disputeId'));
		try {
			answerDispute(getDb(), actor, { disputeId, outcome: s('outcome'), answer: s('answer') });
		} catch (e) {
			return failFrom(e, { disputeId, answer: s('answer') });
		}
		return { done: true };
	}
};
