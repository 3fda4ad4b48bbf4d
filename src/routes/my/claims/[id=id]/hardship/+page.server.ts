import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { claimDetail } from '$lib/server/services/portal';
import { isEnded } from '$lib/server/services/claim-state';
import {
	hardshipForDebtor,
	hardshipReasonsOf,
	requestHardship
} from '$lib/server/services/hardship';
import {
	HARDSHIP_NOTE_MAX,
	HARDSHIP_PAUSE_DAYS,
	HARDSHIP_REASONS,
	hardshipReviewDue
} from '$lib/domain/hardship';
import { addDays, localDate } from '$lib/domain/clock';
import { clock } from '$lib/server/clock';
import { idParam, orHttp, submitForm } from '$lib/server/http';

/** The last day of a granted pause (its end is the first day it no longer holds). */
const withLastDay = <T extends { pauseEndDate: string | null }>(r: T | null) =>
	r && { ...r, pauseLastDay: r.pauseEndDate ? addDays(r.pauseEndDate, -1) : null };

export const load: PageServerLoad = ({ params }) => {
	const actor = requireDebtor();
	const id = idParam(params.id);
	const d = orHttp(() => claimDetail(getDb(), actor, id));
	return {
		claim: d.claim,
		request: withLastDay(orHttp(() => hardshipForDebtor(getDb(), actor, id))),
		// a paid or closed claim takes no request: said at once, not after the form is sent
		ended: isEnded(d.claim),
		// a plan waiting for a decision takes no pause beside it (requestHardship refuses it too)
		waiting: d.plan?.status === 'proposed' || d.plan?.status === 'countered' ? d.plan.status : null,
		// a person's reasons or a company's
		reasons: [...hardshipReasonsOf(getDb(), actor)],
		pauses: [...HARDSHIP_PAUSE_DAYS],
		// the review deadline a request sent today would get
		dueIfSent: hardshipReviewDue(localDate(clock().now())),
		noteMax: HARDSHIP_NOTE_MAX
	};
};

// the note is read only as far as the service's limit; an illness note is dropped unread there
const schema = z.object({
	reason: z.enum(HARDSHIP_REASONS, 'hardship.error.reason'),
	pauseDays: z.enum(HARDSHIP_PAUSE_DAYS.map(String) as ['30', '60', '90'], 'hardship.error.pause'),
	note: z.string().max(HARDSHIP_NOTE_MAX * 2, 'form.tooLong')
});

export const actions: Actions = {
	default: async ({ request, params }) => {
		const actor = requireDebtor();
		const claimId = idParam(params.id);
		return submitForm(request, schema, ({ reason, note, pauseDays }) => {
			requestHardship(getDb(), actor, { claimId, reason, note, pauseDays: Number(pauseDays) });
			redirect(303, `/my/claims/${claimId}/hardship?sent=1`);
		});
	}
};
