import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { localDate } from '$lib/domain/clock';
import { previewStrategy, type PreviewLine } from '$lib/domain/engine-preview';
import type { Arm } from '$lib/domain/experiments';
import type { StrategyVersion } from '$lib/domain/strategy';
import { validateStrategy } from '$lib/domain/strategy-validate';
import { requireRole } from '$lib/server/auth/guards';
import { clock } from '$lib/server/clock';
import { getDb } from '$lib/server/db';
import { failFrom, orHttp, parseForm, parseId, readForm, type FieldErrors } from '$lib/server/http';
import { ValidationError } from '$lib/server/services/errors';
import {
	claimsUnderVersion,
	moveClaims,
	saveStrategyVersion,
	strategyOverview
} from '$lib/server/services/strategies';
import { endExperiment, startExperiment } from '$lib/server/services/strategy-experiments';
import type { Actions, PageServerLoad } from './$types';
import { bodyToValues, errorsToFields, rowCounts, strategySchema, valuesToBody } from './form';

/** ?creditor= (admins only; a creditor user always gets their own) and ?portfolio= pick the scope. */
function scopeOf(url: URL) {
	const p = url.searchParams;
	return { creditorId: parseId(p.get('creditor')), portfolioId: parseId(p.get('portfolio')) };
}

const guard = () => requireRole('creditor', 'admin');
const today = () => localDate(clock().now());

function preview(
	body: Pick<StrategyVersion, 'stages' | 'leadsTo' | 'promiseGraceDays' | 'planOffer'>,
	due: string,
	feesAllowed: boolean
): PreviewLine[] {
	return previewStrategy({ ...body, strategyId: 0, version: 1 }, due, {
		contractAllowsFees: feesAllowed
	});
}

export const load: PageServerLoad = ({ url }) => {
	const actor = guard();
	const o = orHttp(() => strategyOverview(getDb(), actor, scopeOf(url)));
	const due = today();
	return {
		...o,
		isAdmin: actor.kind === 'admin',
		values: { ...bodyToValues(o.current.body), due },
		preview: { due, lines: preview(o.current.body, due, o.creditor.feesAllowed) }
	};
};

/** The editor's form read and checked: the body and where its parts came from, or the refusal. */
async function readEditor(request: Request, url: URL) {
	const actor = guard();
	const form = await readForm(request);
	const rows = rowCounts(form);
	const parsed = parseForm(form, strategySchema(rows));
	if (!parsed.ok) return { actor, failure: parsed.failure } as const;
	const o = orHttp(() => strategyOverview(getDb(), actor, scopeOf(url)));
	const data = parsed.data as Record<string, string>;
	const { body, map } = valuesToBody(data, rows, o.current.body);
	return { actor, body, map, values: parsed.values, data, overview: o } as const;
}

const problemsAsFields = (problems: ReturnType<typeof validateStrategy>): FieldErrors => {
	const out: FieldErrors = {};
	for (const p of problems)
		if (!Object.hasOwn(out, p.path)) out[p.path] = { key: p.key, params: p.params };
	return out;
};

const armRow = z.object({
	name: z.string().trim().min(1).max(80),
	arm0_version: z.string().max(12),
	arm0_weight: z.string().max(5),
	arm1_version: z.string().max(12),
	arm1_weight: z.string().max(5),
	arm2_version: z.string().max(12),
	arm2_weight: z.string().max(5)
});

export const actions: Actions = {
	/** "a claim due on D gets ...": the evaluator run over what is in the form, nothing saved */
	preview: async ({ request, url }) => {
		const r = await readEditor(request, url);
		if ('failure' in r) return r.failure;
		const problems = validateStrategy({ ...r.body, strategyId: 0, version: 1 });
		if (problems.length > 0)
			return fail(400, {
				errors: errorsToFields(problemsAsFields(problems), r.map),
				values: r.values
			});
		const due = r.data.due || today();
		return {
			values: r.values,
			preview: { due, lines: preview(r.body, due, r.overview.creditor.feesAllowed) }
		};
	},

	save: async ({ request, url }) => {
		const r = await readEditor(request, url);
		if ('failure' in r) return r.failure;
		try {
			const saved = saveStrategyVersion(getDb(), r.actor, {
				...scopeOf(url),
				body: r.body,
				label: r.data.label
			});
			return { saved: saved.version };
		} catch (e) {
			if (e instanceof ValidationError)
				return fail(400, { errors: errorsToFields(e.fields, r.map), values: r.values });
			return failFrom(e, { values: r.values });
		}
	},

	/** the first step of a move: how many claims run under the version (shown before anything moves) */
	count: async ({ request }) => {
		const actor = guard();
		const parsed = parseForm(
			await readForm(request),
			z.object({ from: z.string().regex(/^\d{1,12}$/), to: z.string().regex(/^\d{1,12}$/) })
		);
		if (!parsed.ok) return parsed.failure;
		const from = Number(parsed.data.from);
		const count = orHttp(() => claimsUnderVersion(getDb(), actor, { versionId: from }));
		return { ask: { from, to: Number(parsed.data.to), count } };
	},

	/** moves the claims still running under an older version; the count shown comes with it */
	move: async ({ request }) => {
		const actor = guard();
		const form = await readForm(request);
		const parsed = parseForm(
			form,
			z.object({
				from: z.string().regex(/^\d{1,12}$/),
				to: z.string().regex(/^\d{1,12}$/),
				count: z.string().regex(/^\d{1,9}$/)
			})
		);
		if (!parsed.ok) return parsed.failure;
		try {
			const r = moveClaims(getDb(), actor, {
				fromVersionId: Number(parsed.data.from),
				toVersionId: Number(parsed.data.to),
				expectedCount: Number(parsed.data.count)
			});
			return { moved: r.moved };
		} catch (e) {
			return failFrom(e);
		}
	},

	startExperiment: async ({ request, url }) => {
		const actor = guard();
		const parsed = parseForm(await readForm(request), armRow);
		if (!parsed.ok) return parsed.failure;
		const d = parsed.data;
		const arms: Arm[] = [];
		const errors: FieldErrors = {};
		for (const k of [0, 1, 2] as const) {
			const v = d[`arm${k}_version`];
			const w = d[`arm${k}_weight`].trim();
			if (v === '' && w === '') continue;
			const versionId = parseId(v);
			if (versionId === null) errors[`arm${k}_version`] = { key: 'form.required' };
			if (!/^\d{1,3}$/.test(w))
				errors[`arm${k}_weight`] = { key: 'strategy.experiment.error.weight' };
			arms.push({ versionId: versionId ?? 0, weight: Number(w) });
		}
		if (Object.keys(errors).length > 0) return fail(400, { errors, values: parsed.values });
		try {
			const r = startExperiment(getDb(), actor, { ...scopeOf(url), name: d.name, arms });
			return { started: r.id };
		} catch (e) {
			return failFrom(e, { values: parsed.values });
		}
	},

	endExperiment: async ({ request }) => {
		const actor = guard();
		const parsed = parseForm(
			await readForm(request),
			z.object({
				experiment: z.string().regex(/^\d{1,12}$/),
				promote: z.string().regex(/^\d{1,12}$/, 'strategy.experiment.error.promote')
			})
		);
		if (!parsed.ok) return parsed.failure;
		try {
			const r = endExperiment(getDb(), actor, {
				experimentId: Number(parsed.data.experiment),
				promoteVersionId: Number(parsed.data.promote)
			});
			return { promoted: r.version };
		} catch (e) {
			return failFrom(e, { values: parsed.values });
		}
	}
};
