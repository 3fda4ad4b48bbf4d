import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { listCreditors } from '$lib/server/services/creditors-admin';
import { listStaff } from '$lib/server/services/staff';

export const load: PageServerLoad = () => {
	const actor = requireRole('admin');
	const db = getDb();
	const creditors = listCreditors(db, actor);
	const users = listStaff(db, actor);
	const auditCount = db.$client.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
	return {
		creditors: { n: creditors.length, active: creditors.filter((c) => c.active).length },
		users: { n: users.length, disabled: users.filter((u) => u.disabled).length },
		auditCount
	};
};
