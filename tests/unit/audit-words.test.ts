/**
 * The audit log reads in words: every action the code can record, every entity and every area of
 * the action filter has a text in Hungarian and English, and a row's change is shown as named
 * fields with readable values, never as codes.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { translate, hasKey, type Lang, type MessageKey } from '../../src/lib/i18n';
import en from '../../src/lib/i18n/en';
import {
	AUDIT_ACTIONS,
	AUDIT_ENTITIES,
	auditArea,
	isAuditAction
} from '../../src/lib/domain/audit-actions';
import {
	actionGroups,
	actionWords,
	changeSummary,
	entityWords,
	type Words
} from '../../src/lib/staff/audit-words';
import { filesUnder } from '../helpers/source-files';

const words = (lang: Lang): Words => ({
	t: (key: MessageKey, params) => translate(lang, key, params),
	has: (key: string): key is MessageKey => hasKey(key),
	lang
});
const enTexts: Record<string, string> = en;

/**
 * The actions the source writes: the `action:` of every audit entry (a literal, the branches of a
 * condition, or a template's fixed start), and the action arguments of the helpers that audit for
 * their caller (updateMessage, ipFailure).
 */
function actionsInSource(): { literals: Set<string>; templates: Set<string> } {
	const literals = new Set<string>();
	const templates = new Set<string>();
	const scan = (expr: string) => {
		for (const m of expr.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)) literals.add(m[1]);
		for (const m of expr.matchAll(/`([a-z_]+\.)\$\{/g)) templates.add(m[1]);
	};
	for (const file of ['src', 'scripts'].flatMap((d) => filesUnder(d, /\.(ts|svelte)$/))) {
		if (file.includes('audit-actions') || file.includes('i18n')) continue;
		const text = readFileSync(file, 'utf8');
		if (!/\b(audit|insertAudited|updateMessage|closeMessage|ipFailure)\(/.test(text)) continue;
		// `action: x ? 'a' : 'b'` may run over several lines; it ends at the property's comma
		for (const m of text.matchAll(/\baction:\s*([^,]*?)(?:,|\n\s*\}|\s\})/g)) scan(m[1]);
		for (const m of text.matchAll(/\b(?:updateMessage|ipFailure)\(([^;]*?)\);/g)) scan(m[1]);
	}
	return { literals, templates };
}

describe('audit actions in words', () => {
	it('every listed action, entity and area has words in both languages, never the code', () => {
		const keys = [
			...AUDIT_ACTIONS.map((a) => `audit.action.${a}`),
			...AUDIT_ENTITIES.map((e) => `audit.entity.${e}`),
			...AUDIT_ACTIONS.map((a) => `audit.area.${auditArea(a)}`)
		];
		for (const key of keys) {
			expect(hasKey(key), key).toBe(true);
			const hu = translate('hu', key);
			expect(hu, key).not.toBe(key);
			expect(enTexts[key], key).toBeTruthy();
			expect(enTexts[key], key).not.toMatch(/^[a-z_]+(\.[a-z_]+)+$/);
			expect(hu, key).not.toMatch(/^[a-z_]+(\.[a-z_]+)+$/);
		}
	});

	it('every action written anywhere in the source is listed, so it has words', () => {
		const { literals, templates } = actionsInSource();
		// the scan finds the calls (a broken scan finding nothing would pass)
		expect(literals.size).toBeGreaterThan(120);
		expect([...literals].filter((a) => !isAuditAction(a))).toEqual([]);
		for (const prefix of templates)
			expect(
				AUDIT_ACTIONS.some((a) => a.startsWith(prefix)),
				prefix
			).toBe(true);
	});

	it('names actions and entities in the reader language, an unknown one as "other"', () => {
		expect(actionWords(words('hu'), 'plan.approve')).toBe('Részletfizetés jóváhagyva');
		expect(actionWords(words('en'), 'plan.approve')).toBe('Payment plan approved');
		expect(entityWords(words('en'), 'staff_user')).toBe('user');
		expect(actionWords(words('hu'), 'gone.away')).toBe('egyéb művelet');
		expect(entityWords(words('en'), 'gone')).toBe('other');
	});

	it('groups the filter choices by area, in the order given', () => {
		expect(actionGroups(['auth.login', 'auth.logout', 'plan.approve'])).toEqual([
			{ area: 'auth', actions: ['auth.login', 'auth.logout'] },
			{ area: 'plan', actions: ['plan.approve'] }
		]);
	});
});

describe('a change in words', () => {
	const row = (entity: string, before: unknown, after: unknown) => ({
		entity,
		beforeJson: before === undefined ? null : JSON.stringify(before),
		afterJson: after === undefined ? null : JSON.stringify(after)
	});

	it('names fields, writes money in the currency and statuses in words', () => {
		const s = changeSummary(
			words('hu'),
			row('plan', { status: 'proposed' }, { status: 'approved', totalMinor: 1250050 }),
			'HUF'
		);
		expect(s.lines).toEqual([
			{ label: 'állapot', text: 'javaslat érkezett → jóváhagyva' },
			{ label: 'teljes összeg', text: '12\u00a0500,50\u00a0Ft' }
		]);
		expect(s.more).toBe(0);
		const e = changeSummary(words('en'), row('claim', undefined, { amountMinor: 500 }), 'EUR');
		expect(e.lines).toEqual([{ label: 'amount', text: '€5.00' }]);
		// a field only in the before-record is the row it was, not a value taken away
		const sent = changeSummary(
			words('hu'),
			row('message', { status: 'sending', channel: 'email' }, { status: 'sent' }),
			null
		);
		expect(sent.lines.find((l) => l.label === 'csatorna')?.text).toBe('E-mail');
	});

	it('shows no code: fields and values without words are counted, long texts cut short', () => {
		const s = changeSummary(
			words('en'),
			row('claim', undefined, {
				status: 'weird_state',
				secretCode: 'x',
				why: 'a'.repeat(100),
				nested: { a: 1 },
				active: true,
				label: 'Tavaszi kampány',
				secondFactor: 'totp',
				channel: 'sms',
				day: 'monday',
				at: 1
			}),
			null
		);
		expect(s.lines).toEqual([
			{ label: 'reason', text: `${'a'.repeat(59)}…` },
			{ label: 'active', text: 'yes' },
			{ label: 'label', text: 'Tavaszi kampány' },
			{ label: 'second step', text: 'authenticator code' }
		]);
		// status without words, an unnamed field, an object, the rest past four; a day is a code
		expect(s.more).toBe(6);
		const text = JSON.stringify(s.lines);
		for (const code of ['weird_state', 'secretCode', 'nested', 'monday', 'totp'])
			expect(text).not.toContain(code);
		const few = changeSummary(words('hu'), row('plan', undefined, { day: 'monday' }), null);
		expect(few).toEqual({ lines: [], more: 1 });
	});

	it('an amount without a known currency is a plain number; at most four lines', () => {
		const s = changeSummary(
			words('hu'),
			row('refund_task', undefined, {
				amountMinor: 12345,
				claimId: 7,
				refundId: 8,
				paymentId: 9,
				planId: 10
			}),
			null
		);
		expect(s.lines[0]).toEqual({ label: 'összeg', text: '123,45' });
		expect(s.lines).toHaveLength(4);
		expect(s.more).toBe(1);
	});
});
