import { fail, type ActionFailure } from '@sveltejs/kit';
import { z } from 'zod';
import { WEBHOOK_EVENTS } from '$lib/domain/webhooks';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { failFrom, parseForm, parseId, readForm, submitForm } from '$lib/server/http';
import {
	createApiKey,
	isCreditorAdmin,
	listApiKeys,
	revokeApiKey
} from '$lib/server/services/api-keys';
import {
	addEndpoint,
	disableEndpoint,
	replayDelivery,
	webhooksOverview
} from '$lib/server/services/webhooks';
import { creditorSecurity, setRequireTotp } from '$lib/server/services/creditor-security';
import type { Actor } from '$lib/domain/actor';
import type { FormFailure } from '$lib/server/http/types';
import type { Actions, PageServerLoad } from './$types';

type DB = ReturnType<typeof getDb>;

export const load: PageServerLoad = () => {
	const actor = requireRole('creditor');
	const db = getDb();
	const admin = isCreditorAdmin(db, actor);
	const hooks = webhooksOverview(db, actor);
	return {
		admin,
		keys: listApiKeys(db, actor),
		// the signing secrets only to the administrator
		endpoints: hooks.endpoints.map((e) => ({ ...e, secret: admin ? e.secret : null })),
		deliveries: hooks.deliveries,
		events: WEBHOOK_EVENTS,
		security: creditorSecurity(db, actor)
	};
};

const idForm = z.object({ id: z.string().max(12) });
const keySchema = z.object({
	name: z.string().trim().min(1).max(80),
	scope: z.enum(['read', 'read_write'])
});
const hookSchema = z.object({ url: z.string().trim().min(1).max(500) });

/**
 * A row's button: the service call on the form's id (a missing or malformed id is "not found"),
 * its refusal as the answer, else `done`.
 */
async function idAction<K extends string>(
	request: Request,
	run: (db: DB, actor: Actor, id: number) => unknown,
	done: K
) {
	const actor = requireRole('creditor');
	const parsed = parseForm(await readForm(request), idForm);
	if (!parsed.ok) return parsed.failure;
	try {
		run(getDb(), actor, parseId(parsed.data.id) ?? 0);
	} catch (e) {
		return failFrom(e);
	}
	return { done };
}

export const actions: Actions = {
	createKey: async ({ request }) => {
		const actor = requireRole('creditor');
		return submitForm(request, keySchema, (data) => ({
			newKey: createApiKey(getDb(), actor, data).key
		}));
	},
	revokeKey: async ({ request }) => {
		return idAction(request, revokeApiKey, 'api.key.revokedNotice');
	},
	addHook: async ({ request }) => {
		const actor = requireRole('creditor');
		const form = await readForm(request);
		const events = form.getAll('events').map(String);
		// a refusal keeps the boxes the user ticked (only known events are echoed back)
		const hookEvents = WEBHOOK_EVENTS.filter((e) => events.includes(e));
		const refused = (f: ActionFailure<FormFailure>) => fail(f.status, { ...f.data, hookEvents });
		const parsed = parseForm(form, hookSchema);
		if (!parsed.ok) return refused(parsed.failure);
		try {
			return { newSecret: addEndpoint(getDb(), actor, { url: parsed.data.url, events }).secret };
		} catch (e) {
			return refused(failFrom(e, { values: parsed.values }));
		}
	},
	disableHook: async ({ request }) => {
		return idAction(request, disableEndpoint, 'api.hook.disabled');
	},
	security: async ({ request }) => {
		const actor = requireRole('creditor');
		const form = await readForm(request);
		try {
			setRequireTotp(getDb(), actor, form.get('requireTotp') === 'on');
		} catch (e) {
			return failFrom(e);
		}
		return { done: 'security.saved' as const };
	},
	replay: async ({ request }) => {
		return idAction(request, replayDelivery, 'api.delivery.replayed');
	}
};
