import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { signOut } from '$lib/server/services/sign-in';
import { deleteSessionCookie } from '$lib/server/auth/hooks';
import type { Actor } from '$lib/domain/actor';

/** Signing out is a POST (a link or an image must not end a session); GET shows the button. */
export const load: PageServerLoad = ({ locals }) => {
	if (!locals.staff && !locals.debtor && !locals.pendingStaff) redirect(303, '/');
	return {};
};

export const actions: Actions = {
	logout: async (event) => {
		const { locals } = event;
		const wasStaff = !!(locals.staff || locals.pendingStaff);
		const sessionId =
			locals.staff?.sessionId ?? locals.debtor?.sessionId ?? locals.pendingStaff?.sessionId;
		if (sessionId) {
			const actor: Actor = locals.staff
				? locals.staff.role === 'creditor'
					? {
							kind: 'creditor',
							userId: locals.staff.userId,
							creditorId: locals.staff.creditorId ?? 0
						}
					: { kind: locals.staff.role, userId: locals.staff.userId }
				: locals.debtor
					? { kind: 'debtor', debtorId: locals.debtor.debtorId }
					: { kind: 'anonymous' };
			signOut(getDb(), actor, sessionId);
		}
		deleteSessionCookie(event);
		redirect(303, wasStaff ? '/login?signedout=1' : '/?signedout=1');
	}
};
