/** The rules editor's load and save, shared by /creditor/rules (creditor users, admins) and /admin/rules (admins). */
import { fail } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { failFromService, formValues } from '$lib/server/auth/request';
import { ValidationError } from '$lib/server/services/errors';
import { rulesForEditing, saveRules } from '$lib/server/services/rules';
import { errorsToFields, rulesToValues, valuesToRules } from './form';

type Role = 'creditor' | 'admin';

/** ?creditor= (admins only; creditor users always get their own) and ?portfolio= pick the scope. */
function scopeOf(url: URL) {
	const num = (k: string) => {
		const s = url.searchParams.get(k);
		return s && /^\d{1,12}$/.test(s) ? Number(s) : null;
	};
	return { creditorId: num('creditor'), portfolioId: num('portfolio') };
}

export function loadRulesEditor(url: URL, roles: Role[]) {
	const actor = requireRole(...roles);
	try {
		const r = rulesForEditing(getDb(), actor, scopeOf(url));
		return { ...r, values: rulesToValues(r.rules), isAdmin: actor.kind === 'admin' };
	} catch (e) {
		return failFromService(e) as never;
	}
}

export async function saveRulesAction(request: Request, url: URL, roles: Role[]) {
	const actor = requireRole(...roles);
	const values = formValues(await request.formData());
	const parsed = valuesToRules(values);
	if (!parsed.ok) return fail(400, { errors: parsed.errors, values, message: null });
	try {
		const { version } = saveRules(getDb(), actor, { ...scopeOf(url), rules: parsed.rules });
		return { saved: version };
	} catch (e) {
		if (e instanceof ValidationError)
			return fail(400, { errors: errorsToFields(e.fields, parsed.rowOf), values, message: null });
		return failFromService(e, values);
	}
}
