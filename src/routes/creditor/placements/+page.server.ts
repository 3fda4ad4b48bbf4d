import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { createPlacementJob, listPlacementJobs } from '$lib/server/services/placements';
import { ValidationError } from '$lib/server/services/errors';
import { localDate } from '$lib/domain/clock';
import { clock } from '$lib/server/clock';
import { startValidation } from './run';
import { MAX_FILE_BYTES } from '$lib/domain/placement';
import { megabytes, uploadLimit } from '$lib/server/body-limit';

export const load: PageServerLoad = () => {
	const actor = requireRole('creditor');
	// the smaller of the placement limit and what this server accepts (BODY_SIZE_LIMIT)
	const maxFileBytes = uploadLimit(MAX_FILE_BYTES);
	return {
		jobs: listPlacementJobs(getDb(), actor),
		suggestedName: `${localDate(clock().now())}`,
		maxFileBytes,
		maxFileMb: megabytes(maxFileBytes)
	};
};

export const actions: Actions = {
	upload: async ({ request }) => {
		const actor = requireRole('creditor');
		const db = getDb();
		let form: FormData;
		try {
			form = await request.formData();
		} catch {
			// larger than the server's BODY_SIZE_LIMIT: said next to the file field, not a 500
			return fail(413, {
				errors: {
					file: { key: 'csv.tooLarge', params: { mb: megabytes(uploadLimit(MAX_FILE_BYTES)) } }
				},
				portfolioName: ''
			});
		}
		const file = form.get('file');
		const portfolioName = String(form.get('portfolioName') ?? '');
		const bytes =
			file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
		let id: number;
		try {
			id = createPlacementJob(db, actor, {
				fileName: file instanceof File ? file.name : '',
				portfolioName,
				bytes
			});
		} catch (e) {
			if (e instanceof ValidationError) return fail(400, { errors: e.fields, portfolioName });
			throw e;
		}
		startValidation(db, actor, id);
		redirect(303, `/creditor/placements/${id}`);
	}
};
