import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	lang: locals.lang,
	staff: locals.staff ? { name: locals.staff.name, role: locals.staff.role } : null,
	debtorSignedIn: !!locals.debtor
});
