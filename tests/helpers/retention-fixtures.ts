/** Debtors with closed claims, for the retention (C13) tests. */
import type { DB } from '../../src/lib/server/db/client';
import { addMonths, instantAt } from '../../src/lib/domain/clock';

export function creditor(db: DB, name: string, retentionMonths = 60): number {
	return db.$client
		.prepare(
			`INSERT INTO creditors (name, short_name, sector, tax_number, retention_months, created_at) VALUES (?, ?, 'bank', '12345676-2-42', ?, 0)`
		)
		.run(name, name, retentionMonths).lastInsertRowid as number;
}

export function debtor(db: DB, name: string): number {
	return db.$client
		.prepare(
			`INSERT INTO debtors (kind, name, birth_date, tax_number, postal_code, city, address, email, phone, created_at)
			 VALUES ('person', ?, '1970-01-01', NULL, '1051', 'Budapest', 'Fő u. 1.', 'a@example.hu', '+36301234567', 0)`
		)
		.run(name).lastInsertRowid as number;
}

/**
 * A claim with one charge; closed (or paid, with `how`) `closedMonthsAgo` months before `today`,
 * or open when null.
 */
export function claim(
	db: DB,
	creditorId: number,
	debtorId: number,
	today: string,
	closedMonthsAgo: number | null,
	how: 'closed' | 'paid' = 'closed'
): number {
	const c = db.$client;
	const portfolio = c
		.prepare(
			`INSERT INTO portfolios (creditor_id, name, placed_date, created_at) VALUES (?, 'p', '2015-01-01', 0)`
		)
		.run(creditorId).lastInsertRowid as number;
	const closedAt = closedMonthsAgo == null ? null : instantAt(addMonths(today, -closedMonthsAgo));
	const id = c
		.prepare(
			`INSERT INTO claims (creditor_id, portfolio_id, debtor_id, reference, currency, placed_date, due_date, stage, stage_changed_at, status, placed_minor, balance_minor, collected_minor, created_at, closed_at, paid_at)
			 VALUES (?, ?, ?, ?, 'HUF', '2015-01-01', '2015-01-01', 'new', 0, ?, 100000, 100000, 0, 0, ?, ?)`
		)
		.run(
			creditorId,
			portfolio,
			debtorId,
			`R-${debtorId}-${portfolio}`,
			closedAt == null ? 'open' : how,
			how === 'closed' ? closedAt : null,
			how === 'paid' ? closedAt : null
		).lastInsertRowid as number;
	c.prepare(
		`INSERT INTO ledger_entries (claim_id, component, kind, amount_minor, effective_date, memo, created_at) VALUES (?, 'principal', 'charge', 100000, '2015-01-01', 'placement', 0)`
	).run(id);
	return id;
}

/** `n` debtors, each with one claim closed six years ago at a creditor keeping data five years. */
export function seedClosedDebtors(db: DB, n: number, today: string): number[] {
	const cr = creditor(db, 'Régi Bank');
	const ids: number[] = [];
	for (let i = 0; i < n; i++) {
		const d = debtor(db, `Régi Adós ${i}`);
		claim(db, cr, d, today, 72);
		ids.push(d);
	}
	return ids;
}
