import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { createPlacementJob, listPlacementJobs } from '$lib/server/services/placements';
import { localDate } from '$lib/domain/clock';
import { clock } from '$lib/server/clock';
import { startValidation } from './run';
import { MAX_FILE_BYTES } from '$lib/domain/placement';
import { megabytes, uploadLimit } from '$lib/server/body-limit';
import {
	failFrom,
	file,
	fileTooLarge,
	parseForm,
	readUploadForm,
	textField
} from '$lib/server/http';

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

/** The name's length here; "required" and the file's rules are the service's (said together). */
const schema = z.object({ portfolioName: textField(100, { optional: true }) });

/** Larger than the server's BODY_SIZE_LIMIT: said next to the file field, not a 500. */
const tooLarge = fileTooLarge('csv.tooLarge', MAX_FILE_BYTES);

export const actions: Actions = {
	upload: async ({ request }) => {
		const actor = requireRole('creditor');
		const db = getDb();
		const form = await readUploadForm(request, tooLarge);
		if (!(form instanceof FormData)) return form;
		const parsed = parseForm(form, schema);
		if (!parsed.ok) return parsed.failure;
		const upload = await file(form, 'file');
		let id: number;
		try {
			id = createPlacementJob(db, actor, {
				fileName: upload?.name ?? '',
				portfolioName: parsed.data.portfolioName,
				bytes: upload?.bytes ?? new Uint8Array()
			});
		} catch (e) {
			return failFrom(e, { values: parsed.values });
		}
		startValidation(db, actor, id);
		redirect(303, `/creditor/placements/${id}`);
	}
};
