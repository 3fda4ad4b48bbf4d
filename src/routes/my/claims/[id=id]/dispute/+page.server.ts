import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { claimDetail } from '$lib/server/services/portal';
import {
	disputeThreadForDebtor,
	openDispute,
	replyToDispute,
	DISPUTE_REASONS,
	MAX_ATTACHMENT_BYTES
} from '$lib/server/services/disputes';
import { megabytes, uploadLimit } from '$lib/server/body-limit';
import {
	failFrom,
	file,
	idParam,
	orHttp,
	parseForm,
	readUploadForm,
	type FieldErrors
} from '$lib/server/http';

export const load: PageServerLoad = ({ params }) => {
	const actor = requireDebtor();
	const id = idParam(params.id);
	const d = orHttp(() => claimDetail(getDb(), actor, id));
	const maxFileBytes = uploadLimit(MAX_ATTACHMENT_BYTES);
	return {
		claim: d.claim,
		// a dispute is a thread: once there is one, the page shows it and a reply form
		dispute: orHttp(() => disputeThreadForDebtor(getDb(), actor, id)),
		canDispute: d.canDispute,
		reasons: [...DISPUTE_REASONS],
		maxFileBytes,
		maxFileMb: megabytes(maxFileBytes)
	};
};

const schema = z.object({
	reason: z.enum(DISPUTE_REASONS, 'portal.dispute.error.reason'),
	details: z.string().trim().max(4000, 'portal.dispute.error.tooLong')
});

const replySchema = z.object({
	reply: z.literal('1'),
	body: z.string().trim().max(4000, 'portal.dispute.error.tooLong')
});

/** Larger than the server's BODY_SIZE_LIMIT (adapter-node): said next to the file field. */
const tooLarge = (): FieldErrors => ({
	file: {
		key: 'portal.dispute.error.fileTooBig',
		params: { mb: megabytes(uploadLimit(MAX_ATTACHMENT_BYTES)) }
	}
});

export const actions: Actions = {
	default: async ({ request, params }) => {
		const actor = requireDebtor();
		const claimId = idParam(params.id);
		const form = await readUploadForm(request, tooLarge);
		if (!(form instanceof FormData)) return form;
		if (form.has('reply')) {
			// a reply in the thread: text, a document, or both
			const r = parseForm(form, replySchema);
			if (!r.ok) return r.failure;
			const upload = await file(form, 'file');
			try {
				replyToDispute(getDb(), actor, {
					claimId,
					body: r.data.body,
					file: upload?.bytes ?? null
				});
			} catch (e) {
				return failFrom(e, { values: r.values });
			}
			redirect(303, `/my/claims/${claimId}/dispute?replied=1`);
		}
		const parsed = parseForm(form, schema);
		if (!parsed.ok) return parsed.failure;
		const upload = await file(form, 'file');
		try {
			openDispute(getDb(), actor, { claimId, ...parsed.data, file: upload?.bytes ?? null });
		} catch (e) {
			return failFrom(e, { values: parsed.values });
		}
		redirect(303, `/my/claims/${claimId}/dispute?sent=1`);
	}
};
