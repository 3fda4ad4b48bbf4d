/**
 * The audit log's codes in words (the texts are i18n/hu/audit.ts, staff dictionary): an action,
 * an entity, and a row's change as a few named fields with readable values (money in the claim's
 * currency, instants and dates in the reader's language, statuses in words). A field or value
 * without words is not shown as a code: it is counted, and the stored record stays one click away.
 * Pure apart from the `Words` it is given, so a unit test can run it with `translate`.
 */
import type { Lang, MessageKey, Params } from '$lib/i18n/core';
import type { Currency } from '$lib/domain/money';
import { auditArea, type AuditAction } from '$lib/domain/audit-actions';
import { amountInput, formatShortDate, money, whenText } from '$lib/format';

export interface Words {
	t: (key: MessageKey, params?: Params) => string;
	has: (key: string) => key is MessageKey;
	lang: Lang;
}

const word = (w: Words, key: string, other: MessageKey) => (w.has(key) ? w.t(key) : w.t(other));

export const actionWords = (w: Words, code: string) =>
	word(w, `audit.action.${code}`, 'admin.audit.otherAction');
export const entityWords = (w: Words, name: string) =>
	word(w, `audit.entity.${name}`, 'admin.audit.otherEntity');
export const areaWords = (w: Words, area: string) =>
	word(w, `audit.area.${area}`, 'admin.audit.otherEntity');

/** where a coded field's values have words: by field, and a status or state by the entity */
const VALUE_WORDS: Record<string, string> = {
	stage: 'creditor.stage',
	channel: 'creditor.channel',
	role: 'admin.role',
	reason: 'msg.reason',
	secondFactor: 'audit.value.secondFactor'
};
/** the fields whose text is written by people (a reason, a label), shown as it is */
const FREE_TEXT = new Set(['why', 'note', 'label', 'fileName']);
const STATUS_WORDS: Record<string, string> = {
	claim: 'creditor.status',
	plan: 'casefile.plan',
	promise: 'casefile.promise',
	dispute: 'casefile.dispute',
	payment: 'payments.status',
	refund: 'casefile.refund',
	installment: 'casefile.installment',
	message: 'msg.status',
	legal_handover: 'handover.state',
	bank_entry: 'bank.status'
};
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LONG = 60;

function codedPrefix(entity: string, field: string): string | undefined {
	if (field === 'status' || field === 'state')
		return Object.hasOwn(STATUS_WORDS, entity) ? STATUS_WORDS[entity] : undefined;
	return Object.hasOwn(VALUE_WORDS, field) ? VALUE_WORDS[field] : undefined;
}

/** One value in words, or null when it may be a code without words (any other text). */
export function valueText(
	w: Words,
	entity: string,
	field: string,
	v: unknown,
	currency: Currency | null
): string | null {
	if (v === null || v === undefined || v === '') return '—';
	if (typeof v === 'boolean') return w.t(v ? 'admin.audit.yes' : 'admin.audit.no');
	if (typeof v === 'number') {
		if (field.endsWith('Minor'))
			return currency ? money(v, currency, w.lang) : amountInput(v, w.lang);
		if (field.endsWith('At') || field === 'until') return whenText(v, w.lang);
		if (field.endsWith('Id') || field === 'replayOf') return `#${v}`;
		return v.toLocaleString(w.lang === 'hu' ? 'hu-HU' : 'en-GB');
	}
	if (Array.isArray(v)) return w.t('admin.audit.items', { n: v.length });
	if (typeof v === 'object') return w.t('admin.audit.items', { n: Object.keys(v).length });
	const s = String(v);
	const prefix = codedPrefix(entity, field);
	const coded = prefix ? `${prefix}.${s}` : '';
	if (prefix) return w.has(coded) ? w.t(coded) : null;
	if (ISO_DATE.test(s)) return formatShortDate(s, w.lang);
	if (!FREE_TEXT.has(field)) return null;
	return s.length > LONG ? `${s.slice(0, LONG - 1)}…` : s;
}

export interface ChangeLine {
	label: string;
	/** 'before → after', or the one value recorded */
	text: string;
}

export interface ChangeSummary {
	lines: ChangeLine[];
	/** fields recorded but not shown (no words, or past the first few) */
	more: number;
}

const parse = (json: string | null): Record<string, unknown> => {
	if (!json) return {};
	try {
		const v: unknown = JSON.parse(json);
		return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
	} catch {
		return {};
	}
};

/** A row's before/after as at most `max` named lines; the rest counted in `more`. */
export function changeSummary(
	w: Words,
	row: { entity: string; beforeJson: string | null; afterJson: string | null },
	currency: Currency | null,
	max = 4
): ChangeSummary {
	const before = parse(row.beforeJson);
	const after = parse(row.afterJson);
	const fields = [...new Set([...Object.keys(after), ...Object.keys(before)])];
	const lines: ChangeLine[] = [];
	let more = 0;
	const show = (f: string, v: unknown) => valueText(w, row.entity, f, v, currency);
	for (const f of fields) {
		const key = `audit.field.${f}`;
		const had = Object.hasOwn(before, f);
		const has = Object.hasOwn(after, f);
		const a = had ? show(f, before[f]) : null;
		const b = has ? show(f, after[f]) : null;
		if (lines.length >= max || !w.has(key) || (had && a === null) || (has && b === null)) {
			more++;
			continue;
		}
		// a field only in the before-record is context (the row it was), not a value taken away
		const text = had && has ? (a === b ? (b as string) : `${a} → ${b}`) : had ? a : b;
		lines.push({ label: w.t(key), text: text as string });
	}
	return { lines, more };
}

/** The filter's choices: actions grouped by area, in the order given. */
export function actionGroups(
	actions: readonly AuditAction[]
): { area: string; actions: AuditAction[] }[] {
	const groups = new Map<string, AuditAction[]>();
	for (const a of actions) {
		const area = auditArea(a);
		groups.set(area, [...(groups.get(area) ?? []), a]);
	}
	return [...groups].map(([area, list]) => ({ area, actions: list }));
}
