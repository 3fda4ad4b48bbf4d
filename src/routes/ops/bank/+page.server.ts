import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	MAX_STATEMENT_BYTES,
	recentBankImports,
	unmatchedEntries,
	uploadStatement
} from '$lib/server/services/bank';
import { jobQueued } from '$lib/server/jobs/queue';
import { megabytes, uploadLimit } from '$lib/server/body-limit';
import { BANK_CSV_COLUMNS } from '$lib/domain/bank-statement';
import { failFrom, file, fileTooLarge, readUploadForm } from '$lib/server/http';

export const load: PageServerLoad = () => {
	const actor = requireRole('operator', 'admin');
	const db = getDb();
	const maxFileBytes = uploadLimit(MAX_STATEMENT_BYTES);
	return {
		imports: recentBankImports(db, actor),
		unmatched: unmatchedEntries(db, actor),
		csvColumns: [...BANK_CSV_COLUMNS],
		maxFileMb: megabytes(maxFileBytes)
	};
};

const tooLarge = fileTooLarge('bank.err.tooLarge', MAX_STATEMENT_BYTES);

export const actions: Actions = {
	upload: async ({ request }) => {
		const actor = requireRole('operator', 'admin');
		const form = await readUploadForm(request, tooLarge);
		if (!(form instanceof FormData)) return form;
		const upload = await file(form, 'file');
		let id: number;
		try {
			id = uploadStatement(getDb(), actor, {
				fileName: upload?.name ?? '',
				bytes: upload?.bytes ?? new Uint8Array()
			});
		} catch (e) {
			return failFrom(e);
		}
		// the jobs worker reads it (off the request thread) and posts its entries
		jobQueued();
		redirect(303, `/ops/bank/${id}`);
	}
};
