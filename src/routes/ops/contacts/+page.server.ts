import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { contactChangesForOps } from '$lib/server/services/contact-details';

/** A postal address is stored as JSON in the history: shown as one line. */
function shown(field: string, value: string | null): string {
	if (value == null || field !== 'postal') return value ?? '';
	try {
		const a = JSON.parse(value) as { postalCode?: string; city?: string; address?: string };
		return [a.postalCode, a.city, a.address].filter(Boolean).join(' ');
	} catch {
		return value;
	}
}

export const load: PageServerLoad = () => {
	const actor = requireRole('operator', 'admin');
	return {
		changes: contactChangesForOps(getDb(), actor).map((c) => ({
			...c,
			oldValue: shown(c.field, c.oldValue),
			newValue: shown(c.field, c.newValue)
		}))
	};
};
