/**
 * Guards, called at the top of every protected load and action (a layout load alone protects
 * nothing: actions and parallel loads do not wait for it). They read the request through
 * `getRequestEvent()`, so the call is one line: `const actor = requireRole('operator')`.
 */
import { error, redirect } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import type { Actor } from '$lib/domain/actor';
import { getDb } from '$lib/server/db';
import { orHttp } from '$lib/server/http';
import { assertInScope } from '$lib/server/services/owned';

type StaffRole = 'admin' | 'operator' | 'creditor' | 'field_agent';

/** Where a staff member with a temporary password is sent until they choose their own. */
export const PASSWORD_PAGE = '/account/password';

/**
 * Staff of one of the roles, else: not signed in -> sign-in page (remembering where they were
 * going); password given but second factor missing -> the code or enrolment page; still on a
 * temporary password -> the page to choose one; wrong role -> 403.
 */
export function requireRole(...roles: StaffRole[]): Actor {
	const { locals, url } = getRequestEvent();
	const s = locals.staff;
	if (!s) {
		if (locals.pendingStaff)
			redirect(303, locals.pendingStaff.needs === 'enrol' ? '/account/totp' : '/login/totp');
		redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	}
	if (s.mustChangePassword && url.pathname !== PASSWORD_PAGE) redirect(303, PASSWORD_PAGE);
	if (!roles.includes(s.role)) error(403, { message: 'forbidden' });
	if (s.role === 'creditor') {
		if (s.creditorId == null) error(403, { message: 'forbidden' });
		return { kind: 'creditor', userId: s.userId, creditorId: s.creditorId };
	}
	return { kind: s.role, userId: s.userId };
}

/** Any signed-in staff member (own account pages). */
export function requireStaff(): Actor {
	return requireRole('admin', 'operator', 'creditor', 'field_agent');
}

/** A verified debtor, else back to the home page with a hint to use the link they got. */
export function requireDebtor(): Actor & { kind: 'debtor' } {
	const { locals, route, params } = getRequestEvent();
	const d = locals.debtor;
	if (!d) redirect(303, '/?expired=1');
	const actor = { kind: 'debtor' as const, debtorId: d.debtorId, onlyCreditorId: d.onlyCreditorId };
	// signed in by a claim reference: a claim or payment of another creditor is not found
	if (actor.onlyCreditorId != null) {
		const id = params.id ?? params.paymentId;
		const what = route.id?.startsWith('/my/claims/[id=id]') ? 'claim' : 'payment';
		if (id && /^\/(my\/claims|my\/payments|pay\/demo)\//.test(route.id ?? ''))
			orHttp(() => assertInScope(getDb(), actor, what, Number(id)));
	}
	return actor;
}
