/** Installment plans, the debtor's side, and rule changes against agreed plans. */
import { describe, expect } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, claims, installments, outbox, plans } from '../../src/lib/server/db/schema';
import { clock } from '../../src/lib/server/clock';
import { defaultRules, type CreditorRules } from '../../src/lib/domain/rules';
import { planPage } from '../../src/lib/server/services/plans';
import { saveRules } from '../../src/lib/server/services/rules';
import {
	ConflictError,
	NotFoundError,
	ValidationError
} from '../../src/lib/server/services/errors';
import { verifyAuditChain } from '../../src/lib/server/services/audit';
import { planTest, claimStatus as status, propose, terms } from '../helpers/plans-fixtures';

describe('debtor proposals', () => {
	planTest(
		'records that a plan was offered the first time the page is shown (C9), once',
		({ db, clk, s }) => {
			const id = s.claim(s.d1);
			const page = planPage(db, s.debtor1, id);
			expect(page.plan).toBeNull();
			expect(page.rules).toEqual(defaultRules());
			const at = db.select({ a: claims.planOfferedAt }).from(claims).where(eq(claims.id, id)).get()!
				.a;
			expect(at).toBe(clock().now());
			clk.advanceDays(1);
			planPage(db, s.debtor1, id);
			expect(
				db.select({ a: claims.planOfferedAt }).from(claims).where(eq(claims.id, id)).get()!.a
			).toBe(at);
			expect(
				db.select().from(auditLog).where(eq(auditLog.action, 'claim.plan_offered')).all()
			).toHaveLength(1);
		}
	);

	planTest(
		'a proposal inside the auto-approve limits becomes an active plan at once; claim in_plan; debtor told',
		({ db, s }) => {
			const id = s.claim(s.d1);
			const plan = propose(db, s.debtor1, id, 'auto', terms(3, { downPaymentMinor: 3_000_000 }));
			expect(plan).toMatchObject({ status: 'active', autoApproved: true, totalMinor: 30_000_000 });
			const rows = db.select().from(installments).where(eq(installments.planId, plan.id)).all();
			expect(rows.map((r) => [r.seq, r.dueDate, r.amountMinor])).toEqual([
				[0, '2026-03-02', 3_000_000],
				[1, '2026-03-31', 9_000_000],
				[2, '2026-04-30', 9_000_000],
				[3, '2026-05-31', 9_000_000]
			]);
			expect(status(db, id)).toBe('in_plan');
			const msgs = db.select().from(outbox).all();
			expect(msgs.map((m) => m.template)).toEqual(['plan_active']);
			expect(msgs[0].paramsJson).not.toMatch(/000|Példa/);
			// one open plan per claim
			expect(() => propose(db, s.debtor1, id, 'review', terms(2))).toThrow(ConflictError);
			expect(verifyAuditChain(db).ok).toBe(true);
		}
	);

	planTest(
		'refuses to start at once what needs review, names broken rules per field, and another debtor cannot touch the claim',
		({ db, s }) => {
			const id = s.claim(s.d1);
			expect(() => propose(db, s.debtor1, id, 'auto', terms(4))).toThrow(ConflictError);
			try {
				propose(db, s.debtor1, id, 'auto', terms(8));
				expect.unreachable();
			} catch (e) {
				expect(e).toBeInstanceOf(ValidationError);
				expect((e as ValidationError).fields.installmentCount.key).toBe('plans.rule.countMax');
			}
			try {
				propose(db, s.debtor1, id, 'review', terms(2, { firstDueDate: '2026-03-01' }));
				expect.unreachable();
			} catch (e) {
				expect((e as ValidationError).fields.firstDueDate.key).toBe('plans.rule.firstPast');
			}
			expect(() => propose(db, s.debtor2, id, 'review', terms(2))).toThrow(NotFoundError);
			expect(() => planPage(db, s.debtor2, id)).toThrow(NotFoundError);
			expect(db.select().from(plans).all()).toHaveLength(0);
		}
	);
});

describe('rules and agreed plans', () => {
	planTest('a rule change applies to new proposals and never alters agreed plans', ({ db, s }) => {
		const a = s.claim(s.d1);
		const b = s.claim(s.d1);
		const agreed = propose(db, s.debtor1, a, 'auto', terms(3));
		const before = db.select().from(installments).where(eq(installments.planId, agreed.id)).all();
		const strict: CreditorRules = {
			...defaultRules(),
			graceDays: 3,
			bands: defaultRules().bands.map((x) => ({
				...x,
				autoApproveMaxInstallments: 1,
				maxInstallments: Math.min(x.maxInstallments, 2)
			}))
		};
		saveRules(db, s.creditorUser, { rules: strict });
		const after = db.select().from(plans).where(eq(plans.id, agreed.id)).get()!;
		expect(JSON.parse(after.rulesJson)).toEqual(defaultRules());
		expect(db.select().from(installments).where(eq(installments.planId, agreed.id)).all()).toEqual(
			before
		);
		expect(planPage(db, s.debtor1, a).rules.graceDays).toBe(15);
		// a new proposal meets the new rules
		expect(planPage(db, s.debtor1, b).rules.graceDays).toBe(3);
		expect(() => propose(db, s.debtor1, b, 'auto', terms(3))).toThrow(ValidationError);
	});
});
