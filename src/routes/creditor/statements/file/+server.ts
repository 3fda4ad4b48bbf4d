import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { orHttp } from '$lib/server/http';
import { remittanceFor } from '$lib/server/services/remittance';
import { remittanceCsv, remittancePdf } from '$lib/server/services/remittance-files';
import type { RequestHandler } from './$types';
import { statementQuery } from '../period';

const attachment = (name: string) => `attachment; filename="${name}"`;

/** ?format=pdf | excel (the default) | csv with the page's period: the statement as a file. */
export const GET: RequestHandler = async ({ url, locals }) => {
	const actor = requireRole('creditor', 'admin');
	const q = statementQuery(url, actor);
	const r = orHttp(() => remittanceFor(getDb(), actor, q.creditorId, q));
	const format = url.searchParams.get('format') ?? 'excel';
	if (format === 'pdf') {
		const pdf = await remittancePdf(r, locals.lang);
		return new Response(pdf.bytes as BodyInit, {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': attachment(pdf.filename)
			}
		});
	}
	if (format !== 'excel' && format !== 'csv') error(404, { message: 'not found' });
	const csv = remittanceCsv(r, locals.lang, format === 'excel');
	return new Response(csv.text, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': attachment(csv.filename)
		}
	});
};
