import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import {
	saveTemplateVersion,
	templateDetail,
	templateId
} from '$lib/server/services/template-admin';
import { failFrom, formValues, orHttp, parseId, readForm, text } from '$lib/server/http';

export const load: PageServerLoad = ({ params, url }) => {
	const actor = requireRole('admin');
	const raw = url.searchParams.get('version');
	// version 0 is the built-in text; anything else not a number is a 404 like an unknown version
	const version = raw === null ? null : raw === '0' ? 0 : (parseId(raw) ?? -1);
	return {
		template: orHttp(() =>
			templateDetail(getDb(), actor, templateId(params.key, params.channel, params.lang), version)
		)
	};
};

export const actions: Actions = {
	default: async ({ request, params }) => {
		const actor = requireRole('admin');
		const id = orHttp(() => templateId(params.key, params.channel, params.lang));
		const form = await readForm(request);
		const values = formValues(form);
		try {
			const { version } = saveTemplateVersion(getDb(), actor, id, {
				subject: form.has('subject') ? text(form, 'subject') : undefined,
				body: text(form, 'body')
			});
			return { saved: version };
		} catch (e) {
			return failFrom(e, { values });
		}
	}
};
