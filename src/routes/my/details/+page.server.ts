import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
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

const emailSchema = z.object({ email: textField(MAX.line) });
const phoneSchema = z.object({ phone: textField(MAX.line) });
const postalSchema = z.object({
	postalCode: textField(MAX.line),
	city: textField(MAX.line),
	address: textField(MAX.line)
});
const confirmSchema = z.object({ changeId: idField, code: textField(MAX.line) });

/** Server-rendered forms without JavaScript enhancement: nothing added to the portal's code. */
export const actions: Actions = {
	email: async ({ request }) => {
		const actor = requireDebtor();
		const parsed = parseForm(await readForm(request), emailSchema);
		if (!parsed.ok) return parsed.failure;
		try {
			requestContactChange(getDb(), actor, { field: 'email', value: parsed.data.email });
		} catch (e) {
			return failFrom(e, { values: parsed.values });
		}
		return { codeSent: 'email' as const };
	},
	phone: async ({ request }) => {
		const actor = requireDebtor();
		const parsed = parseForm(await readForm(request), phoneSchema);
		if (!parsed.ok) return parsed.failure;
		try {
			requestContactChange(getDb(), actor, { field: 'phone', value: parsed.data.phone });
		} catch (e) {
			return failFrom(e, { values: parsed.values });
		}
		return { codeSent: 'phone' as const };
	},
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
