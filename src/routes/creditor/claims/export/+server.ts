import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { exportClaimsCsv, listClaims } from '$lib/server/services/creditor-claims';
import { orHttp } from '$lib/server/http';
import { translate } from '$lib/i18n';
import { csvFormatOf, csvSuffix } from '$lib/domain/csv-format';
import { claimQuery } from '../query';

const HEADER = [
	'creditor.col.reference',
	'creditor.col.debtor',
	'creditor.col.portfolio',
	'creditor.col.currency',
	'creditor.col.placedDate',
	'creditor.col.dueDate',
	'creditor.col.stage',
	'creditor.col.status',
	'creditor.col.placed',
	'creditor.col.collected',
	'creditor.col.balance'
];

/** The filtered claim list as CSV (?format=excel, the default, or csv), streamed page by page. */
export const GET: RequestHandler = ({ url, locals }) => {
	const actor = requireRole('creditor');
	const db = getDb();
	const query = { ...claimQuery(url), after: null };
	orHttp(() => listClaims(db, actor, { ...query, limit: 1 })); // scope check before the first byte
	const format = csvFormatOf(url.searchParams.get('format'));
	const chunks = exportClaimsCsv(
		db,
		actor,
		query,
		HEADER.map((k) => translate(locals.lang, k)),
		{ lang: locals.lang, format }
	);
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			const next = chunks.next();
			if (next.done) controller.close();
			else controller.enqueue(encoder.encode(next.value));
		},
		cancel() {
			chunks.return(undefined);
		}
	});
	return new Response(body, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="rendez-claims${csvSuffix(format)}.csv"`
		}
	});
};
