import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions } from './$types';
import { getDb } from '$lib/server/db';
import { sendLinkForReference, signInWithReference } from '$lib/server/services/sign-in-reference';
import { setSessionCookie } from '$lib/server/auth/hooks';
import { cookieExpiry } from '$lib/server/auth/sessions';
import { clientIp, currentSessionId } from '$lib/server/auth/request';
import { MAX, parseForm, readForm, textField } from '$lib/server/http';
import { localParts } from '$lib/domain/clock';
import { clock } from '$lib/server/clock';

/** Budapest wall-clock time of a lock's end, e.g. '14:05'; with its date when not today. */
function hhmm(t: number): string {
	const p = localParts(t);
	const time = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
	return p.date === localParts(clock().now()).date ? time : `${p.date} ${time}`;
}

const signInSchema = z.object({ reference: textField(MAX.line), answer: textField(MAX.line) });
const sendSchema = z.object({ sendReference: textField(MAX.line) });

/**
 * Signing in without the link (issue 19, item 7): the claim reference from a letter and the
 * identity answer, or a fresh link to a channel on file. Every refusal says only what the
 * service allows: an unknown reference reads like a wrong answer.
 */
export const actions: Actions = {
	signin: async (event) => {
		const parsed = parseForm(await readForm(event.request), signInSchema);
		if (!parsed.ok) return parsed.failure;
		const { reference, answer } = parsed.values;
		const r = signInWithReference(getDb(), {
			reference,
			answer,
			ip: clientIp(event),
			previousSessionId: currentSessionId(event)
		});
		if (r.ok) {
			setSessionCookie(event, r.session.token, cookieExpiry(r.session.session));
			redirect(303, '/my');
		}
		switch (r.reason) {
			case 'format':
				return fail(400, {
					errors: { [r.field]: { key: `signin.format.${r.field}` } },
					values: { reference, answer: r.field === 'answer' ? answer : '' }
				});
			case 'wrong':
				return fail(400, {
					message: { key: 'signin.wrong', params: { remaining: r.remaining } },
					values: { reference, answer: '' }
				});
			case 'locked':
				return fail(423, {
					message: { key: 'signin.locked', params: { time: hhmm(r.until) } },
					values: { reference, answer: '' }
				});
			default:
				return fail(410, { message: { key: 'signin.closed' }, values: { reference, answer: '' } });
		}
	},
	send: async (event) => {
		const parsed = parseForm(await readForm(event.request), sendSchema);
		if (!parsed.ok) return parsed.failure;
		sendLinkForReference(getDb(), parsed.values.sendReference, clientIp(event));
		return { sent: true };
	}
};
