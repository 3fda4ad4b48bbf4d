import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { testDb } from '../helpers/db';
import type { DB } from '../../src/lib/server/db/client';
import { auditLog, creditors, installmentRules, portfolios } from '../../src/lib/server/db/schema';
import { clock } from '../../src/lib/server/clock';
import type { Actor } from '../../src/lib/domain/actor';
import { defaultRules } from '../../src/lib/domain/rules';
import { effectiveRules, rulesForEditing, saveRules } from '../../src/lib/server/services/rules';
import {
	ForbiddenError,
	NotFoundError,
	ValidationError
} from '../../src/lib/server/services/errors';

function setup(db: DB) {
	const now = clock().now();
	const mk = (name: string) =>
		db
			.insert(creditors)
			.values({ name, shortName: name, sector: 'bank', taxNumber: '12345678-2-42', createdAt: now })
			.returning()
			.get().id;
	const a = mk('A Bank');
	const b = mk('B Közmű');
	const pa = db
		.insert(portfolios)
		.values({ creditorId: a, name: 'A/1', placedDate: '2026-01-10', createdAt: now })
		.returning()
		.get().id;
	const pb = db
		.insert(portfolios)
		.values({ creditorId: b, name: 'B/1', placedDate: '2026-01-10', createdAt: now })
		.returning()
		.get().id;
	return {
		a,
		b,
		pa,
		pb,
		userA: { kind: 'creditor', userId: 10, creditorId: a } as Actor,
		admin: { kind: 'admin', userId: 1 } as Actor,
		operator: { kind: 'operator', userId: 2 } as Actor
	};
}

describe('creditor rules editing', () => {
	let db: DB;
	beforeEach(() => ({ db } = testDb()));

	it('a creditor user edits their own rules: validated, versioned, audited with before and after', () => {
		const s = setup(db);
		expect(rulesForEditing(db, s.userA, {})).toMatchObject({
			creditor: { id: s.a },
			source: 'default',
			version: 0,
			inherited: false
		});
		const bad = { ...defaultRules(), graceDays: 500 };
		try {
			saveRules(db, s.userA, { rules: bad });
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(ValidationError);
			expect((e as ValidationError).fields.graceDays.key).toBe('rules.error.range');
		}
		expect(saveRules(db, s.userA, { rules: { ...defaultRules(), graceDays: 10 } })).toEqual({
			version: 1
		});
		expect(saveRules(db, s.userA, { rules: { ...defaultRules(), graceDays: 7 } })).toEqual({
			version: 2
		});
		expect(effectiveRules(db, s.a, null)).toMatchObject({
			source: 'creditor',
			version: 2,
			rules: { graceDays: 7 }
		});
		expect(effectiveRules(db, s.b, null).source).toBe('default');
		const audits = db.select().from(auditLog).where(eq(auditLog.action, 'rules.save')).all();
		expect(audits).toHaveLength(2);
		expect(JSON.parse(audits[1].beforeJson!).rules.graceDays).toBe(10);
		expect(JSON.parse(audits[1].afterJson!).rules.graceDays).toBe(7);
	});

	it('a portfolio override wins for that portfolio only; inherited until saved', () => {
		const s = setup(db);
		saveRules(db, s.userA, { rules: { ...defaultRules(), graceDays: 10 } });
		expect(rulesForEditing(db, s.userA, { portfolioId: s.pa })).toMatchObject({
			inherited: true,
			rules: { graceDays: 10 }
		});
		saveRules(db, s.userA, { portfolioId: s.pa, rules: { ...defaultRules(), graceDays: 20 } });
		expect(effectiveRules(db, s.a, s.pa)).toMatchObject({
			source: 'portfolio',
			rules: { graceDays: 20 }
		});
		expect(effectiveRules(db, s.a, null).rules.graceDays).toBe(10);
		expect(db.select().from(installmentRules).all()).toHaveLength(2);
	});

	it('another tenant is not found; operators may not edit; admins edit any creditor', () => {
		const s = setup(db);
		expect(() => rulesForEditing(db, s.userA, { creditorId: s.b })).toThrow(NotFoundError);
		expect(() => saveRules(db, s.userA, { creditorId: s.b, rules: defaultRules() })).toThrow(
			NotFoundError
		);
		expect(() => saveRules(db, s.userA, { portfolioId: s.pb, rules: defaultRules() })).toThrow(
			NotFoundError
		);
		expect(() => saveRules(db, s.operator, { creditorId: s.a, rules: defaultRules() })).toThrow(
			ForbiddenError
		);
		expect(
			rulesForEditing(db, s.admin, { creditorId: s.b })
				.creditors.map((c) => c.id)
				.sort()
		).toEqual([s.a, s.b]);
		saveRules(db, s.admin, {
			creditorId: s.b,
			portfolioId: s.pb,
			rules: { ...defaultRules(), promiseMaxDays: 14 }
		});
		expect(effectiveRules(db, s.b, s.pb).rules.promiseMaxDays).toBe(14);
		expect(
			db.select().from(installmentRules).where(eq(installmentRules.creditorId, s.a)).all()
		).toHaveLength(0);
	});
});
