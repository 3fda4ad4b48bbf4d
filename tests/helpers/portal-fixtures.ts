/** Small data fixtures for the portal and payment tests: one creditor, debtors and claims with charges. */
import type { DB } from '../../src/lib/server/db/client';
import {
	claimStageEvents,
	claims,
	creditors,
	debtors,
	installmentRules,
	portfolios
} from '../../src/lib/server/db/schema';
import { postEntries } from '../../src/lib/server/services/ledger';
import { writeTx } from '../../src/lib/server/services/tx';
import { clock } from '../../src/lib/server/clock';
import type { CreditorRules } from '../../src/lib/domain/rules';

export interface Charges {
	principal: number;
	interest?: number;
	fee?: number;
	cost?: number;
}

export function makeCreditor(db: DB, name = 'Példa Bank Zrt.', rules?: Partial<CreditorRules>) {
	const now = clock().now();
	const c = db
		.insert(creditors)
		.values({
			name,
			shortName: name.split(' ')[0],
			sector: 'bank',
			taxNumber: '12345678-2-42',
			createdAt: now
		})
		.returning()
		.get();
	const p = db
		.insert(portfolios)
		.values({ creditorId: c.id, name: '2026/01', placedDate: '2026-01-10', createdAt: now })
		.returning()
		.get();
	if (rules)
		db.insert(installmentRules)
			.values({ creditorId: c.id, rulesJson: JSON.stringify(rules), updatedAt: now })
			.run();
	return { creditorId: c.id, portfolioId: p.id };
}

export function makeDebtor(db: DB, name = 'Teszt Elek') {
	const now = clock().now();
	return db
		.insert(debtors)
		.values({
			kind: 'person',
			name,
			birthDate: '1980-04-02',
			postalCode: '1051',
			city: 'Budapest',
			address: 'Példa u. 1.',
			createdAt: now
		})
		.returning()
		.get().id;
}

let refSeq = 0;

export function makeClaim(
	db: DB,
	cr: { creditorId: number; portfolioId: number },
	debtorId: number,
	charges: Charges,
	currency: 'HUF' | 'EUR' = 'HUF'
): number {
	const now = clock().now();
	const total =
		charges.principal + (charges.interest ?? 0) + (charges.fee ?? 0) + (charges.cost ?? 0);
	return writeTx(db, () => {
		const id = db
			.insert(claims)
			.values({
				creditorId: cr.creditorId,
				portfolioId: cr.portfolioId,
				debtorId,
				reference: `R-${++refSeq}-${now}`,
				description: 'Hitelkártya-tartozás',
				currency,
				placedDate: '2026-01-10',
				dueDate: '2025-12-01',
				stageChangedAt: now,
				placedMinor: total,
				balanceMinor: 0,
				createdAt: now
			})
			.returning()
			.get().id;
		db.insert(claimStageEvents).values({ claimId: id, stage: 'new', enteredAt: now }).run();
		postEntries(
			db,
			id,
			(['principal', 'interest', 'fee', 'cost'] as const)
				.filter((c) => (charges[c] ?? 0) > 0)
				.map((c) => ({
					component: c,
					kind: 'charge' as const,
					amountMinor: charges[c]!,
					effectiveDate: '2026-01-10'
				}))
		);
		return id;
	});
}
