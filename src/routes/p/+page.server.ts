import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { answerLink, linkState, requestFreshLink } from '$lib/server/services/access';
import { setSessionCookie } from '$lib/server/auth/hooks';
import { cookieExpiry } from '$lib/server/auth/sessions';
import { clientIp, currentSessionId } from '$lib/server/auth/request';
import { MAX, parseForm, readForm, textField } from '$lib/server/http';
import { localParts } from '$lib/domain/clock';
import { clock } from '$lib/server/clock';
import { clearLinkToken, linkToken } from '$lib/server/auth/link-cookie';

/** Budapest wall-clock time of a lock's end, e.g. '14:05'; with its date when not today. */
function hhmm(t: number): string {
	const p = localParts(t);
	const time = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
	return p.date === localParts(clock().now()).date ? time : `${p.date} ${time}`;
}

/**
 * The page knows only what the link allows before the answer: which question to ask, or that the
 * link is locked / no longer usable. Unknown and expired links look the same. The token arrives
 * in a cookie set by /p/[token], so it is no longer in the address bar, the history or a Referer.
 */
export const load: PageServerLoad = (event) => {
	const s = linkState(getDb(), linkToken(event), clientIp(event));
	if (s.state === 'ok')
		return { state: 'ok' as const, question: s.question, until: null, by: null };
	if (s.state === 'locked')
		return { state: 'locked' as const, question: null, until: hhmm(s.until), by: s.by };
	if (s.state === 'exhausted')
		return { state: 'exhausted' as const, question: null, until: null, by: null };
	return { state: 'expired' as const, question: null, until: null, by: null };
};

const answerSchema = z.object({ answer: textField(MAX.line) });

export const actions: Actions = {
	answer: async (event) => {
		// a birth date, a postal code, a tax number: short; a longer text is refused unread
		const parsed = parseForm(await readForm(event.request), answerSchema);
		if (!parsed.ok) return parsed.failure;
		const answer = parsed.values.answer;
		const r = answerLink(getDb(), {
			token: linkToken(event),
			answer,
			ip: clientIp(event),
			previousSessionId: currentSessionId(event)
		});
		if (r.ok) {
			setSessionCookie(event, r.session.token, cookieExpiry(r.session.session));
			clearLinkToken(event);
			redirect(303, '/my');
		}
		switch (r.reason) {
			case 'format':
				return fail(400, {
					errors: { answer: { key: `auth.link.format.${r.question}` } },
					values: { answer }
				});
			case 'wrong':
				return fail(400, {
					errors: { answer: { key: 'auth.link.wrong', params: { remaining: r.remaining } } },
					values: { answer: '' }
				});
			case 'locked':
				return fail(423, { state: 'locked' as const, until: hhmm(r.until), by: r.by });
			case 'exhausted':
				return fail(410, { state: 'exhausted' as const });
			default:
				return fail(410, { state: 'expired' as const });
		}
	},
	resend: async (event) => {
		requestFreshLink(getDb(), linkToken(event), clientIp(event));
		return { resent: true };
	}
};
