import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { claimDetail } from '$lib/server/services/portal';
import { openDispute, DISPUTE_REASONS, MAX_ATTACHMENT_BYTES } from '$lib/server/services/disputes';
import { megabytes, uploadLimit } from '$lib/server/body-limit';
import { failFrom, idParam, type FieldErrors } from '$lib/server/payments/route-errors';

export const load: PageServerLoad = ({ params }) => {
	const actor = requireDebtor();
	try {
		const d = claimDetail(getDb(), actor, idParam(params.id));
		const maxFileBytes = uploadLimit(MAX_ATTACHMENT_BYTES);
		return {
			claim: d.claim,
			dispute: d.dispute,
			canDispute: d.canDispute,
			reasons: [...DISPUTE_REASONS],
			maxFileBytes,
			maxFileMb: megabytes(maxFileBytes)
		};
	} catch (e) {
		throw failFrom(e);
	}
};

export const actions: Actions = {
	default: async ({ request, params }) => {
		const actor = requireDebtor();
		const claimId = idParam(params.id);
		let form: FormData;
		try {
			form = await request.formData();
		} catch {
			// larger than the server's BODY_SIZE_LIMIT (adapter-node): say so next to the file field
			return fail(413, {
				reason: '',
				details: '',
				errors: {
					file: {
						key: 'portal.dispute.error.fileTooBig',
						params: { mb: megabytes(uploadLimit(MAX_ATTACHMENT_BYTES)) }
					}
				} as FieldErrors,
				error: undefined
			});
		}
		const reason = typeof form.get('reason') === 'string' ? String(form.get('reason')) : '';
		const details = typeof form.get('details') === 'string' ? String(form.get('details')) : '';
		const f = form.get('file');
		const file = f instanceof File && f.size > 0 ? new Uint8Array(await f.arrayBuffer()) : null;
		try {
			openDispute(getDb(), actor, { claimId, reason, details, file });
		} catch (e) {
			return failFrom(e, { reason, details });
		}
		redirect(303, `/my/claims/${claimId}/dispute?sent=1`);
	}
};
