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
import { file, fileTooLarge, idParam, orHttp, readUploadForm, submitForm } from '$lib/server/http';

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
const tooLarge = fileTooLarge('portal.dispute.error.fileTooBig', MAX_ATTACHMENT_BYTES);

export const actions: Actions = {
	default: async ({ request, params }) => {
		const actor = requireDebtor();
		const claimId = idParam(params.id);
		const form = await readUploadForm(request, tooLarge);
		if (!(form instanceof FormData)) return form;
		if (form.has('reply')) {
			// a reply in the thread: text, a document, or both
			return submitForm(form, replySchema, async ({ body }) => {
				const upload = await file(form, 'file');
				replyToDispute(getDb(), actor, { claimId, body, file: upload?.bytes ?? null });
				redirect(303, `/my/claims/${claimId}/dispute?replied=1`);
			});
		}
		return submitForm(form, schema, async (data) => {
			const upload = await file(form, 'file');
			openDispute(getDb(), actor, { claimId, ...data, file: upload?.bytes ?? null });
			redirect(303, `/my/claims/${claimId}/dispute?sent=1`);
		});
	}
};
