import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { listParams } from '$lib/domain/list-params';
import {
	DISPUTE_SORTS,
	homeDisputes,
	homeRefundTasks,
	queueCounts,
	REFUND_SORTS
} from '$lib/server/services/ops-home';

export const load: PageServerLoad = ({ locals, url }) => {
	const actor = requireRole('operator', 'admin');
	const db = getDb();
	const dp = listParams(url.searchParams, 'd_', DISPUTE_SORTS, { sort: 'due', dir: 'asc' });
	const rp = listParams(url.searchParams, 'r_', REFUND_SORTS, { sort: 'due', dir: 'asc' });
	return {
		name: locals.staff?.name ?? '',
		queues: queueCounts(db, actor),
		disputes: { ...homeDisputes(db, actor, dp), sort: dp.sort, dir: dp.dir },
		refunds: { ...homeRefundTasks(db, actor, rp), sort: rp.sort, dir: rp.dir }
	};
};
