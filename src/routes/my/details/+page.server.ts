import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Action, Actions, PageServerLoad } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	changePostalAddress,
	confirmContactChange,
	myContactDetails,
	requestContactChange
} from '$lib/server/services/contact-details';
import { idField, MAX, orHttp, submitForm, textField } from '$lib/server/http';

export const load: PageServerLoad = () => {
	const actor = requireDebtor();
	// signed in by a claim reference: the page says why it shows nothing (assertLinkSession)
	if (actor.onlyCreditorId != null) return { details: null };
	return { details: orHttp(() => myContactDetails(getDb(), actor)) };
};

const contactSchema = {
	email: z.object({ email: textField(MAX.line) }),
	phone: z.object({ phone: textField(MAX.line) })
};
const postalSchema = z.object({
	postalCode: textField(MAX.line),
	city: textField(MAX.line),
	address: textField(MAX.line)
});
const confirmSchema = z.object({ changeId: idField, code: textField(MAX.line) });

/** A new e-mail address or phone number: a code goes to it, the change waits for that code. */
const sendCode =
	(field: 'email' | 'phone'): Action =>
	async ({ request }) => {
		const actor = requireDebtor();
		return submitForm(request, contactSchema[field], (data) => {
			const value = (data as Record<typeof field, string>)[field];
			requestContactChange(getDb(), actor, { field, value });
			return { codeSent: field };
		});
	};

/** Server-rendered forms without JavaScript enhancement: nothing added to the portal's code. */
export const actions: Actions = {
	email: sendCode('email'),
	phone: sendCode('phone'),
	postal: async ({ request }) => {
		const actor = requireDebtor();
		return submitForm(request, postalSchema, (data) => {
			changePostalAddress(getDb(), actor, data);
			return { changed: 'postal' as const };
		});
	},
	confirm: async ({ request }) => {
		const actor = requireDebtor();
		return submitForm(request, confirmSchema, (data) => {
			const r = confirmContactChange(getDb(), actor, data);
			if (r.ok) return { changed: r.field };
			if (r.reason === 'wrong')
				return fail(400, {
					errors: { code: { key: 'details.error.code', params: { remaining: r.remaining } } },
					values: { changeId: String(data.changeId), code: '' }
				});
			return fail(410, { message: { key: `details.error.${r.reason}` } });
		});
	}
};
