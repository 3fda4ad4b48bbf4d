import { z } from 'zod';
import { WEBHOOK_EVENTS } from '$lib/domain/webhooks';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { failFrom, parseForm, parseId, readForm } from '$lib/server/http';
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
import type { Actions, PageServerLoad } from './$types';

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

/** Runs an action on the form's id; a missing or malformed id is "not found". */
async function withId(request: Request, fn: (id: number) => void) {
	const parsed = parseForm(await readForm(request), idForm);
	if (!parsed.ok) return parsed.failure;
	try {
		fn(parseId(parsed.data.id) ?? 0);
	} catch (e) {
		return failFrom(e);
	}
	return null;
}

export const actions: Actions = {
	createKey: async ({ request }) => {
		const actor = requireRole('creditor');
		const parsed = parseForm(
			await readForm(request),
			z.object({ name: z.string().trim().min(1).max(80), scope: z.enum(['read', 'read_write']) })
		);
		if (!parsed.ok) return parsed.failure;
		try {
			const { key } = createApiKey(getDb(), actor, parsed.data);
			return { newKey: key };
		} catch (e) {
			return failFrom(e, { values: parsed.values });
		}
	},
	revokeKey: async ({ request }) => {
		const actor = requireRole('creditor');
		return (
			(await withId(request, (id) => revokeApiKey(getDb(), actor, id))) ?? {
				done: 'api.key.revokedNotice' as const
			}
		);
	},
	addHook: async ({ request }) => {
		const actor = requireRole('creditor');
		const form = await readForm(request);
		const parsed = parseForm(form, z.object({ url: z.string().trim().min(1).max(500) }));
		if (!parsed.ok) return parsed.failure;
		try {
			const { secret } = addEndpoint(getDb(), actor, {
				url: parsed.data.url,
				events: form.getAll('events').map(String)
			});
			return { newSecret: secret };
		} catch (e) {
			return failFrom(e, { values: parsed.values });
		}
	},
	disableHook: async ({ request }) => {
		const actor = requireRole('creditor');
		return (
			(await withId(request, (id) => disableEndpoint(getDb(), actor, id))) ?? {
				done: 'api.hook.disabled' as const
			}
		);
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
		const actor = requireRole('creditor');
		return (
			(await withId(request, (id) => replayDelivery(getDb(), actor, id))) ?? {
				done: 'api.delivery.replayed' as const
			}
		);
	}
};
