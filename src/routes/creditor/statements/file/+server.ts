import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { throwHttp } from '$lib/server/http';
import { ValidationError } from '$lib/server/services/errors';
import { remittanceFor } from '$lib/server/services/remittance';
import { remittanceCsv, remittancePdf } from '$lib/server/services/remittance-files';
import type { RequestHandler } from './$types';
import { statementQuery } from '../period';

const attachment = (name: string) => `attachment; filename="${name}"`;

/** ?format=pdf | excel (the default) | csv with the page's period: the statement as a file. */
export const GET: RequestHandler = async ({ url, locals }) => {
	const actor = requireRole('creditor', 'admin');
	const q = statementQuery(url, actor);
	let r: ReturnType<typeof remittanceFor>;
	try {
		r = remittanceFor(getDb(), actor, q.creditorId, q);
	} catch (e) {
		// a period that is not one (a bookmarked address typed wrong): a 400, not a server fault
		if (e instanceof ValidationError) error(400, { message: 'bad period' });
		throwHttp(e);
	}
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
