/**
 * One validation path for forms: a zod schema per form, parsed here, each refused field answered
 * with an i18n key (never zod's English text). A schema names its own key where the default does
 * not fit (`.refine(ok, 'form.invalidAmount')`); otherwise an empty required field is
 * `form.required`, a too-long text `form.tooLong` ({max}), anything else `form.invalid`.
 * Services keep the business rules (ValidationError), mapped by `failFrom`.
 */
import { fail, type ActionFailure } from '@sveltejs/kit';
import { z } from 'zod';
import { parseAmount, type Currency } from '$lib/domain/money';
import type { FieldErrors, FormFailure, Message } from './types';
import { formValues } from './form';
import { isId } from '$lib/domain/id';
import { FREQUENCIES } from '$lib/domain/schedule-types';
import { isValidDate } from '$lib/domain/clock';
import { COMPONENTS, zeroBalances, type Balances, type Component } from '$lib/domain/ledger';

const I18N_KEY = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/;

function messageOf(issue: z.core.$ZodIssue): Message {
	if (I18N_KEY.test(issue.message)) return { key: issue.message };
	if (issue.code === 'too_small' && issue.origin === 'string' && Number(issue.minimum) <= 1)
		return { key: 'form.required' };
	if (issue.code === 'too_small' && issue.origin === 'array' && Number(issue.minimum) <= 1)
		return { key: 'form.required' };
	if (issue.code === 'too_big' && issue.origin === 'string')
		return { key: 'form.tooLong', params: { max: Number(issue.maximum) } };
	return { key: 'form.invalid' };
}

/**
 * zod's issues as field errors (the first per field). `rename`: a form field whose errors the page
 * shows under another name (the plan form's `downPayment` is the service's `downPaymentMinor`).
 */
export function fieldErrors(error: z.ZodError, rename: Record<string, string> = {}): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) {
		const sent = String(issue.path[0] ?? 'form');
		const field = Object.hasOwn(rename, sent) ? rename[sent] : sent;
		if (!Object.hasOwn(errors, field)) errors[field] = messageOf(issue);
	}
	return errors;
}

function isArraySchema(s: z.core.$ZodType | undefined): boolean {
	let t = s as z.ZodType | undefined;
	while (t) {
		if (t instanceof z.ZodArray) return true;
		if (t instanceof z.ZodOptional || t instanceof z.ZodDefault || t instanceof z.ZodNullable)
			t = t.unwrap() as z.ZodType;
		else if (t instanceof z.ZodPipe) t = t.in as z.ZodType;
		else return false;
	}
	return false;
}

/** The form's fields as the schema wants them: list fields as arrays, a missing text as ''. */
function formInput(
	form: FormData,
	shape: Record<string, z.core.$ZodType>
): Record<string, unknown> {
	const input: Record<string, unknown> = {};
	for (const name of Object.keys(shape)) {
		if (isArraySchema(shape[name])) input[name] = form.getAll(name);
		else {
			const v = form.get(name);
			input[name] = v === null ? '' : v;
		}
	}
	return input;
}

export type Parsed<T> =
	| { ok: true; data: T; values: Record<string, string> }
	| { ok: false; failure: ActionFailure<FormFailure> };

/** Parses a form with its schema; a refusal is fail(400) with field keys and the typed values. */
export function parseForm<T extends z.ZodType>(
	form: FormData,
	schema: T,
	opts: { rename?: Record<string, string> } = {}
): Parsed<z.output<T>> {
	const values = formValues(form);
	const r = schema.safeParse(formInput(form, shapeOf(schema)));
	if (r.success) return { ok: true, data: r.data, values };
	return { ok: false, failure: fail(400, { errors: fieldErrors(r.error, opts.rename), values }) };
}

/** The fields of a form schema (an object, or an object piped into a transform). */
function shapeOf(schema: z.ZodType): Record<string, z.core.$ZodType> {
	if (schema instanceof z.ZodObject) return schema.shape;
	if (schema instanceof z.ZodPipe) return shapeOf(schema.in as z.ZodType);
	throw new Error('a form schema is a z.object()');
}

// ---- field schemas shared by forms ----------------------------------------------------------

/** Lengths of free text: one line (names, references), a reason, a long text (details). */
export const MAX = { line: 200, reason: 1000, text: 5000 } as const;

/** Free text, trimmed, at most `max` characters (required unless `optional`). */
export function textField(max: number, opts: { optional?: boolean } = {}) {
	const s = z.string().trim().max(max);
	return opts.optional ? s : s.min(1);
}

/** A record id typed into a form (digits only; '0x10' is not 16). */
export const idField = z
	.string()
	.refine(isId, 'form.invalid')
	.transform((s) => Number(s));

/** An optional id ('' -> null). */
export const optionalIdField = z
	.string()
	.refine((s) => s === '' || isId(s), 'form.invalid')
	.transform((s) => (s === '' ? null : Number(s)));

/** A calendar date from a date input (YYYY-MM-DD). */
export const dateField = z
	.string()
	.trim()
	.min(1)
	.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'form.invalidDate');

/**
 * An amount as people type it (`12 500`, `12.500 Ft`), in minor units. HUF amounts we handle are
 * whole forints, so `1,5` Ft is refused here rather than stored as 150 fillér.
 */
export function amountField(currency: Currency) {
	return z
		.string()
		.max(40, 'form.invalidAmount')
		.transform((s, ctx) => {
			const p = parseAmount(s, currency);
			if (!p.ok) {
				ctx.addIssue({
					code: 'custom',
					message: p.reason === 'empty' ? 'form.required' : 'form.invalidAmount'
				});
				return z.NEVER;
			}
			if (currency === 'HUF' && p.minor % 100 !== 0) {
				ctx.addIssue({ code: 'custom', message: 'payments.error.wholeForints' });
				return z.NEVER;
			}
			return p.minor;
		});
}

/**
 * Amounts per component of a claim as a form sends them (fields named after the components, ''
 * for none): a correction of a dispute. Parsed by `componentAmounts` in the form's transform, only
 * when they are meant, in the claim's currency.
 */
const componentAmountField = z.string().max(40, 'form.invalidAmount').default('');
/** (a form without them, e.g. an upheld or rejected answer posted by a page of before, is '' each) */
export const componentAmountFields = {
	principal: componentAmountField,
	interest: componentAmountField,
	fee: componentAmountField,
	cost: componentAmountField
};

/** The amounts of `componentAmountFields` in minor units ('' is 0); a refused one adds its issue. */
export function componentAmounts(
	v: Record<Component, string>,
	currency: Currency,
	ctx: z.RefinementCtx
): Balances {
	const out = zeroBalances();
	for (const c of COMPONENTS) {
		if (v[c].trim() === '') continue;
		const r = amountField(currency).safeParse(v[c]);
		if (r.success) out[c] = r.data;
		else ctx.addIssue({ code: 'custom', path: [c], message: r.error.issues[0].message });
	}
	return out;
}

/**
 * An optional amount as people type it ('' -> null), in the claim's currency (forints and euros
 * read alike: both have 100 minor units); the rules on it (a minimum, whole forints) are the
 * service's.
 */
export const forintsField = z
	.string()
	.trim()
	.max(40, 'form.invalidAmount')
	.transform((s, ctx) => {
		if (s === '') return null;
		const p = parseAmount(s, 'HUF');
		if (p.ok) return p.minor;
		ctx.addIssue({ code: 'custom', message: 'form.invalidAmount' });
		return z.NEVER;
	});

/**
 * A plan's terms after its down payment, as the debtor's proposal and the operator's counter-offer
 * send them (PlanTermsFields): how many installments, how often, from which day.
 */
export const planTermsFields = {
	installmentCount: z
		.string()
		.trim()
		.regex(/^\d{1,3}$/, 'form.invalid')
		.transform(Number),
	frequency: z.enum(FREQUENCIES),
	firstDueDate: dateField
};

/** The plan forms' `downPayment` field: its refusal is shown where the service names it. */
export const planRename = { downPayment: 'downPaymentMinor' };

/**
 * A plan as one possible result of a staff form (a visit, a call): its fields as typed, checked by
 * `planOf` only when a plan is meant.
 */
export const optionalPlanFields = {
	downPayment: forintsField,
	installmentCount: z.string().trim().max(3),
	frequency: z.string().max(20),
	firstDueDate: z.string().trim().max(10)
};
type OptionalPlan = z.output<z.ZodObject<typeof optionalPlanFields>>;

/**
 * The plan those fields propose; each refused field adds its issue to the form's (inside a
 * transform), all of them at once, so one send names every field to correct.
 */
export function planOf(v: OptionalPlan, ctx: z.RefinementCtx) {
	const frequency = FREQUENCIES.find((f) => f === v.frequency);
	const issues: [string, string][] = [];
	if (!/^\d{1,3}$/.test(v.installmentCount)) issues.push(['installmentCount', 'form.invalid']);
	if (!frequency) issues.push(['frequency', 'form.required']);
	if (!isValidDate(v.firstDueDate)) issues.push(['firstDueDate', 'form.invalidDate']);
	for (const [path, message] of issues) ctx.addIssue({ code: 'custom', path: [path], message });
	if (issues.length > 0 || !frequency) return z.NEVER;
	return {
		downPaymentMinor: v.downPayment ?? 0,
		installmentCount: Number(v.installmentCount),
		frequency,
		firstDueDate: v.firstDueDate
	};
}
