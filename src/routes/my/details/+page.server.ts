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
import { failFrom, idField, MAX, orHttp, parseForm, readForm, textField } from '$lib/server/http';

export const load: PageServerLoad = () => {
	const actor = requireDebtor();
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
		const parsed = parseForm(await readForm(request), contactSchema[field]);
		if (!parsed.ok) return parsed.failure;
		try {
			const value = (parsed.data as Record<typeof field, string>)[field];
			requestContactChange(getDb(), actor, { field, value });
		} catch (e) {
			return failFrom(e, { values: parsed.values });
		}
		return { codeSent: field };
	};

/** Server-rendered forms without JavaScript enhancement: nothing added to the portal's code. */
export const actions: Actions = {
	email: sendCode('email'),
	phone: sendCode('phone'),
	postal: async ({ request }) => {
		const actor = requireDebtor();
		const parsed = parseForm(await readForm(request), postalSchema);
		if (!parsed.ok) return parsed.failure;
		try {
			changePostalAddress(getDb(), actor, parsed.data);
		} catch (e) {
			return failFrom(e, { values: parsed.values });
		}
		return { changed: 'postal' as const };
	},
	confirm: async ({ request }) => {
		const actor = requireDebtor();
		const parsed = parseForm(await readForm(request), confirmSchema);
		if (!parsed.ok) return parsed.failure;
		try {
			const r = confirmContactChange(getDb(), actor, parsed.data);
			if (r.ok) return { changed: r.field };
			if (r.reason === 'wrong')
				return fail(400, {
					errors: { code: { key: 'details.error.code', params: { remaining: r.remaining } } },
					values: { changeId: String(parsed.data.changeId), code: '' }
				});
			return fail(410, { message: { key: `details.error.${r.reason}` } });
		} catch (e) {
			return failFrom(e, { values: parsed.values });
		}
	}
};
