import type { LayoutServerLoad } from './$types';
import { LANDING } from '$lib/server/services/sign-in';

export const load: LayoutServerLoad = ({ locals }) => ({
	lang: locals.lang,
	// a signed-in staff member's home (the logo leads there, not to the public landing page)
	staff: locals.staff
		? { name: locals.staff.name, role: locals.staff.role, home: LANDING[locals.staff.role] }
		: null,
	debtorSignedIn: !!locals.debtor
});
