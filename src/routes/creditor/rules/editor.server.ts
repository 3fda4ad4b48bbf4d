/** The rules editor's load and save, shared by /creditor/rules (creditor users, admins) and /admin/rules (admins). */
import { fail } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { failFrom, formValues, orHttp, parseId, readForm } from '$lib/server/http';
import { ValidationError } from '$lib/server/services/errors';
import { rulesForEditing, saveRules } from '$lib/server/services/rules';
import { editorValues, errorsToFields, valuesToRules } from './form';

type Role = 'creditor' | 'admin';

/** ?creditor= (admins only; creditor users always get their own) and ?portfolio= pick the scope. */
function scopeOf(url: URL) {
	const p = url.searchParams;
	return { creditorId: parseId(p.get('creditor')), portfolioId: parseId(p.get('portfolio')) };
}

export function loadRulesEditor(url: URL, roles: Role[]) {
	const actor = requireRole(...roles);
	const r = orHttp(() => rulesForEditing(getDb(), actor, scopeOf(url)));
	return { ...r, values: editorValues(r.rules), isAdmin: actor.kind === 'admin' };
}

export async function saveRulesAction(request: Request, url: URL, roles: Role[]) {
	const actor = requireRole(...roles);
	const values = formValues(await readForm(request));
	const parsed = valuesToRules(values);
	if (!parsed.ok) return fail(400, { errors: parsed.errors, values });
	try {
		const { version } = saveRules(getDb(), actor, { ...scopeOf(url), rules: parsed.rules });
		return { saved: version };
	} catch (e) {
		if (e instanceof ValidationError)
			return fail(400, {
				errors: errorsToFields(e.fields, parsed.rowOf, parsed.settleRowOf),
				values
			});
		return failFrom(e, { values });
	}
}
