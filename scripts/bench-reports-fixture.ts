/**
 * The bench's own bulk fixture for `npm run bench:reports` (when no seeded database is given): one
 * creditor, 24 monthly portfolios, claims with their ledger, payments, stage events, contacts and
 * plans, written with plain inserts so the report triggers keep the rollups as the app would.
 */
import type { DB } from '../src/lib/server/db/client';
import { addMonth } from '../src/lib/domain/reports';
import { localDate, instantAt, addDays, DAY_MS } from '../src/lib/domain/clock';
import { clock } from '../src/lib/server/clock';
import { Rng } from '../src/lib/server/db/seed/prng';

// deterministic, with the demo seed's generator
const rng = new Rng(20261123);
const rnd = () => rng.next();
const pick = <T>(a: readonly T[]) => rng.pick(a);

export function generateFixture(db: DB, n: number) {
	const c = db.$client;
	const now = clock().now();
	const today = localDate(now);
	const t0 = performance.now();
	c.exec('BEGIN');
	const creditorId = c
		.prepare(
			`INSERT INTO creditors (name, short_name, sector, tax_number, created_at) VALUES ('Bench Bank Zrt.', 'Bench Bank', 'bank', '12345676-2-42', ?)`
		)
		.run(now).lastInsertRowid as number;
	const months = 24;
	const firstMonth = addMonth(today.slice(0, 7), -months);
	const portfolios: { id: number; date: string }[] = [];
	for (let m = 0; m < months; m++) {
		const date = `${addMonth(firstMonth, m)}-10`;
		portfolios.push({
			id: c
				.prepare(
					'INSERT INTO portfolios (creditor_id, name, placed_date, created_at) VALUES (?, ?, ?, ?)'
				)
				.run(creditorId, `Bench ${date.slice(0, 7)}`, date, now).lastInsertRowid as number,
			date
		});
	}
	const debtorIds: number[] = [];
	const insDebtor = c.prepare(
		`INSERT INTO debtors (kind, name, birth_date, postal_code, city, address, created_at) VALUES ('person', ?, '1980-01-01', '1051', 'Budapest', 'Fő u. 1.', ?)`
	);
	for (let i = 0; i < 50_000; i++)
		debtorIds.push(insDebtor.run(`Bench Adós ${i}`, now).lastInsertRowid as number);
	c.exec('COMMIT');
	const insClaim = c.prepare(
		`INSERT INTO claims (creditor_id, portfolio_id, debtor_id, reference, currency, placed_date, due_date, stage, stage_changed_at, status, placed_minor, balance_minor, collected_minor, created_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const insLedger = c.prepare(
		`INSERT INTO ledger_entries (claim_id, component, kind, amount_minor, effective_date, payment_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`
	);
	const insPayment = c.prepare(
		`INSERT INTO payments (claim_id, debtor_id, amount_minor, currency, purpose, gateway, status, created_at, completed_at) VALUES (?, ?, ?, ?, 'partial', 'demo', 'succeeded', ?, ?)`
	);
	const insStage = c.prepare(
		`INSERT INTO claim_stage_events (claim_id, stage, entered_at, left_at, outcome) VALUES (?, ?, ?, ?, ?)`
	);
	const insContact = c.prepare(
		`INSERT INTO contact_events (claim_id, debtor_id, channel, stage, outcome, occurred_at) VALUES (?, ?, ?, ?, ?, ?)`
	);
	const insPlan = c.prepare(
		`INSERT INTO plans (claim_id, debtor_id, status, frequency, installment_count, first_due_date, total_minor, currency, rules_json, created_at) VALUES (?, ?, ?, 'monthly', ?, ?, ?, ?, '{}', ?)`
	);
	const insInst = c.prepare(
		`INSERT INTO installments (plan_id, seq, due_date, amount_minor, paid_minor, status, paid_on_time) VALUES (?, ?, ?, ?, ?, ?, ?)`
	);
	const STAGES = ['new', 'friendly_reminder', 'firm_reminder', 'formal_notice', 'legal'] as const;
	const CHANNELS = ['sms', 'email', 'letter', 'call', 'visit'] as const;
	const BATCH = 20_000;
	for (let start = 0; start < n; start += BATCH) {
		c.exec('BEGIN');
		for (let i = start; i < Math.min(n, start + BATCH); i++) {
			const p = portfolios[i % months];
			const debtorId = debtorIds[i % debtorIds.length];
			const currency = rnd() < 0.85 ? 'HUF' : 'EUR';
			const principal =
				currency === 'HUF'
					? Math.floor(20_000 + rnd() * 800_000) * 100
					: Math.floor(100 + rnd() * 5_000) * 100;
			const interest = Math.floor(principal * 0.05);
			const placedAt = instantAt(p.date, 9);
			const due = addDays(p.date, -Math.floor(15 + rnd() * 200));
			const stageIdx = Math.min(
				4,
				Math.floor(rnd() * Math.min(5, 1 + (instantAt(today) - placedAt) / (30 * DAY_MS)))
			);
			const r = rnd();
			const status =
				r < 0.25
					? 'paid'
					: r < 0.35
						? 'in_plan'
						: r < 0.4
							? 'disputed'
							: r < 0.42
								? 'closed'
								: 'open';
			const total = principal + interest;
			let collected = 0;
			const payments: { amount: number; date: string; at: number }[] = [];
			const daysSince = Math.max(1, Math.floor((instantAt(today) - placedAt) / DAY_MS));
			if (status === 'paid') payments.push({ amount: total, date: '', at: 0 });
			else if (rnd() < 0.4)
				payments.push({ amount: Math.floor(total * (0.1 + rnd() * 0.5)), date: '', at: 0 });
			for (const pay of payments) {
				const d = addDays(p.date, Math.floor(rnd() * daysSince));
				pay.date = d;
				pay.at = instantAt(d, 12);
				collected += pay.amount;
			}
			const claimId = insClaim.run(
				creditorId,
				p.id,
				debtorId,
				`BB-${String(i).padStart(8, '0')}`,
				currency,
				p.date,
				due,
				STAGES[stageIdx],
				placedAt,
				status,
				total,
				total - collected,
				collected,
				now
			).lastInsertRowid as number;
			insLedger.run(claimId, 'principal', 'charge', principal, p.date, null, now);
			insLedger.run(claimId, 'interest', 'charge', interest, p.date, null, now);
			for (const pay of payments) {
				const pid = insPayment.run(claimId, debtorId, pay.amount, currency, pay.at, pay.at)
					.lastInsertRowid as number;
				const toInterest = Math.min(interest, pay.amount);
				if (toInterest > 0)
					insLedger.run(claimId, 'interest', 'payment', -toInterest, pay.date, pid, now);
				if (pay.amount - toInterest > 0)
					insLedger.run(
						claimId,
						'principal',
						'payment',
						-(pay.amount - toInterest),
						pay.date,
						pid,
						now
					);
			}
			for (let s = 0; s <= stageIdx; s++) {
				const last = s === stageIdx;
				const outcome = !last ? 'moved_on' : status === 'open' ? null : status;
				insStage.run(
					claimId,
					STAGES[s],
					placedAt + s * 20 * DAY_MS,
					outcome ? placedAt + (s + 1) * 20 * DAY_MS : null,
					outcome
				);
			}
			const contacts = 1 + Math.floor(rnd() * 3);
			for (let k = 0; k < contacts; k++)
				insContact.run(
					claimId,
					debtorId,
					pick(CHANNELS),
					STAGES[Math.min(k, stageIdx)],
					rnd() < 0.05 ? 'blocked' : 'sent',
					placedAt + Math.floor(rnd() * daysSince) * DAY_MS
				);
			if (
				status === 'in_plan' ||
				(status === 'open' && rnd() < 0.05) ||
				(status === 'paid' && rnd() < 0.1)
			) {
				const count = 3 + Math.floor(rnd() * 4);
				const pstatus =
					status === 'in_plan' ? 'active' : status === 'paid' ? 'completed' : 'broken';
				const planId = insPlan.run(
					claimId,
					debtorId,
					pstatus,
					count,
					addDays(p.date, 30),
					total,
					currency,
					placedAt
				).lastInsertRowid as number;
				for (let k = 1; k <= count; k++) {
					const dueK = addDays(p.date, 30 * k);
					const past = dueK < today;
					const st =
						pstatus === 'completed'
							? 'paid'
							: past
								? rnd() < 0.8
									? 'paid'
									: pstatus === 'broken'
										? 'missed'
										: 'late'
								: 'due';
					insInst.run(
						planId,
						k,
						dueK,
						Math.floor(total / count),
						st === 'paid' ? Math.floor(total / count) : 0,
						st,
						st === 'paid' ? (rnd() < 0.85 ? 1 : 0) : null
					);
				}
			}
		}
		c.exec('COMMIT');
		if ((start / BATCH) % 10 === 0)
			console.log(
				`  generated ${Math.min(n, start + BATCH)} claims (${((performance.now() - t0) / 1000).toFixed(0)} s)`
			);
	}
	console.log(`  fixture built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
