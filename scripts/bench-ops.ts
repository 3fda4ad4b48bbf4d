/**
 * The operator workbench's speed (issue 18, "Speed"), on a copy of a seeded database:
 *
 *   DATABASE_URL=/tmp/s.db npx tsx scripts/seed.ts --claims 1000000 --reset
 *   npm run bench:ops -- --db /tmp/s.db [--runs 200] [--keep]
 *
 * Copies the database (the original is never written), then times, as the pages call them:
 * - the search (`searchCases`) for a name fragment, a phone number and a reference prefix (the
 *   queries of bench-search, drawn from the database's own rows);
 * - the case page (`caseFile`) of a debtor the bench adds to the copy: 20 claims at several
 *   creditors and 500 timeline events of every kind (stage changes, messages, calls, visits,
 *   payments, refunds, plans and installments, promises, disputes and answers, notes, staff
 *   actions), unfiltered, filtered by one claim, and filtered to two kinds;
 * - the operators' home (`queueCounts`, `homeDisputes`, `homeRefundTasks`).
 * Prints p50, p95 and max of each. Targets (issue 18): search p95 < 50 ms, case page p95 < 100 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrateDatabase, openDatabase } from '../src/lib/server/db/client';
import { searchCases } from '../src/lib/server/services/search';
import { caseFile } from '../src/lib/server/services/case-file';
import { homeDisputes, homeRefundTasks, queueCounts } from '../src/lib/server/services/ops-home';
import { audit } from '../src/lib/server/services/audit';
import { writeTx } from '../src/lib/server/services/tx';
import type { TimelineFilter, TimelineKind } from '../src/lib/domain/timeline';
import { addDays, localDate } from '../src/lib/domain/clock';
import { cliArgs, strings } from './args';
import { searchQueries } from './bench-search-queries';

const usage = 'usage: npm run bench:ops -- --db X [--runs N] [--keep]';
const { values: given } = cliArgs(usage, {
	...strings('db', 'runs'),
	keep: { type: 'boolean' }
});
const source = path.resolve(given.db || process.env.DATABASE_URL || 'data/rendez.db');
if (!fs.existsSync(source)) {
	console.error(`no database at ${source}\n${usage}`);
	process.exit(2);
}
const runs = Number(given.runs || '200');

// ---- the copy ------------------------------------------------------------------------------
const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ops-')), 'copy.db');
{
	// whatever sits in the source's WAL goes into its main file first, then the file is copied
	const src = openDatabase(source);
	src.$client.pragma('wal_checkpoint(TRUNCATE)');
	src.$client.close();
	fs.copyFileSync(source, copy);
}
const db = openDatabase(copy);
migrateDatabase(db, path.resolve('drizzle'));
const sql = db.$client;
const operatorId =
	(sql
		.prepare(`SELECT id FROM staff_users WHERE role = 'operator' ORDER BY id LIMIT 1`)
		.pluck()
		.get() as number | undefined) ??
	(sql
		.prepare(
			`INSERT INTO staff_users (email, name, role, password_hash, created_at)
			 VALUES ('bench-operator@example.test', 'Bench Operator', 'operator', 'x', 0) RETURNING id`
		)
		.pluck()
		.get() as number);
const operator = { kind: 'operator', userId: operatorId } as const;

// ---- the debtor with 20 claims and 500 events -----------------------------------------------
const CLAIMS = 20;
const now = Date.now();
const HOUR = 3_600_000;
const { debtorId, claimIds } = writeTx(db, () => {
	const scopes = sql
		.prepare(
			`SELECT p.creditor_id AS creditorId, min(p.id) AS portfolioId FROM portfolios p
			  GROUP BY p.creditor_id ORDER BY p.creditor_id LIMIT 5`
		)
		.all() as { creditorId: number; portfolioId: number }[];
	if (scopes.length === 0) throw new Error('the database has no creditor: seed it first');
	const debtorId = sql
		.prepare(
			`INSERT INTO debtors (kind, name, birth_date, postal_code, city, address, email, phone, language, created_at)
			 VALUES ('person', 'Teljesítmény Teréz', '1975-05-05', '1111', 'Budapest', 'Mérő u. 1.',
			         'bench-teri@example.test', '+36 30 999 0000', 'hu', ?) RETURNING id`
		)
		.pluck()
		.get(now - 400 * 24 * HOUR) as number;
	const insClaim = sql.prepare(
		`INSERT INTO claims (creditor_id, portfolio_id, debtor_id, reference, description, currency, placed_date,
		   due_date, stage, stage_changed_at, status, placed_minor, balance_minor, created_at)
		 VALUES (?, ?, ?, ?, 'Bench', 'HUF', ?, ?, 'firm_reminder', ?, 'open', ?, ?, ?) RETURNING id`
	);
	const today = localDate(now);
	const claimIds: number[] = [];
	for (let i = 0; i < CLAIMS; i++) {
		const s = scopes[i % scopes.length];
		claimIds.push(
			insClaim
				.pluck()
				.get(
					s.creditorId,
					s.portfolioId,
					debtorId,
					`BENCH-${now}-${i}`,
					addDays(today, -300),
					addDays(today, -200),
					now - 100 * 24 * HOUR,
					1_000_000 + i * 10_000,
					900_000 + i * 10_000,
					now - 300 * 24 * HOUR
				) as number
		);
	}
	// 500 events over the last 300 days, of every kind, spread over the claims
	let n = 0;
	const at = () => now - (500 - n++) * 14 * HOUR;
	const claim = (i: number) => claimIds[i % CLAIMS];
	const stage = sql.prepare(
		`INSERT INTO claim_stage_events (claim_id, stage, entered_at, left_at, outcome) VALUES (?, ?, ?, NULL, NULL)`
	);
	for (let i = 0; i < CLAIMS; i++) {
		stage.run(claimIds[i], 'friendly_reminder', at());
		stage.run(claimIds[i], 'firm_reminder', at());
	} // 40
	const msg = sql.prepare(
		`INSERT INTO messages (debtor_id, claim_id, channel, template_key, source, dedupe_key, status, scheduled_at,
		   sent_at, created_at, updated_at)
		 VALUES (?, ?, ?, 'friendly.reminder', 'engine', ?, ?, ?, ?, ?, ?)`
	);
	for (let i = 0; i < 120; i++) {
		const t = at();
		msg.run(
			debtorId,
			claim(i),
			['sms', 'email', 'letter'][i % 3],
			`bench-${now}-${i}`,
			['delivered', 'sent', 'failed', 'bounced'][i % 4],
			t,
			t,
			t,
			t
		);
	} // 160
	const contact = sql.prepare(
		`INSERT INTO contact_events (claim_id, debtor_id, channel, stage, outcome, recording_ref, operator_id, occurred_at)
		 VALUES (?, ?, ?, 'firm_reminder', ?, ?, ?, ?)`
	);
	for (let i = 0; i < 80; i++)
		contact.run(
			claim(i),
			debtorId,
			i % 4 === 3 ? 'visit' : 'call',
			['conversation', 'no_answer', 'refused', 'promise'][i % 4],
			i % 4 === 3 ? null : `rec-${i}`,
			operatorId,
			at()
		); // 240
	const pay = sql.prepare(
		`INSERT INTO payments (claim_id, debtor_id, amount_minor, currency, purpose, gateway, status, created_at, completed_at)
		 VALUES (?, ?, ?, 'HUF', 'partial', 'bank_transfer', 'succeeded', ?, ?) RETURNING id`
	);
	const payIds: number[] = [];
	for (let i = 0; i < 40; i++) {
		const t = at();
		payIds.push(pay.pluck().get(claim(i), debtorId, 10_000 + i * 100, t, t) as number);
	} // 280
	const refund = sql.prepare(
		`INSERT INTO refunds (payment_id, amount_minor, reason, status, created_by, created_at)
		 VALUES (?, 100, 'bench', 'succeeded', ?, ?)`
	);
	for (let i = 0; i < 10; i++) refund.run(payIds[i], operatorId, at()); // 290
	const plan = sql.prepare(
		`INSERT INTO plans (claim_id, debtor_id, status, frequency, installment_count, first_due_date, total_minor,
		   currency, rules_json, decided_by, decided_at, created_at)
		 VALUES (?, ?, 'active', 'monthly', 4, ?, 400000, 'HUF', '{}', ?, ?, ?) RETURNING id`
	);
	const inst = sql.prepare(
		`INSERT INTO installments (plan_id, seq, due_date, amount_minor, paid_minor, status, paid_at)
		 VALUES (?, ?, ?, 100000, 100000, 'paid', ?)`
	);
	for (let i = 0; i < 10; i++) {
		const t = at();
		const id = plan
			.pluck()
			.get(claim(i), debtorId, addDays(today, -200), operatorId, at(), t) as number;
		for (let s = 1; s <= 4; s++) inst.run(id, s, addDays(today, -200 + s * 30), at());
	} // 290 + 60 = 350
	const promise = sql.prepare(
		`INSERT INTO promises (claim_id, debtor_id, promised_date, amount_minor, status, created_at, resolved_at)
		 VALUES (?, ?, ?, 50000, ?, ?, ?)`
	);
	for (let i = 0; i < 20; i++)
		promise.run(claim(i), debtorId, addDays(today, -10), i % 2 ? 'kept' : 'broken', at(), at()); // 390
	const dispute = sql.prepare(
		`INSERT INTO disputes (claim_id, debtor_id, reason, details, status, answer_due_date, answer, answered_by,
		   answered_at, created_at)
		 VALUES (?, ?, 'wrong_amount', 'bench', 'rejected', ?, 'bench answer', ?, ?, ?)`
	);
	for (let i = 0; i < 10; i++) {
		const t = at();
		dispute.run(claim(i), debtorId, addDays(today, -100), operatorId, at(), t);
	} // 410
	const note = sql.prepare(
		`INSERT INTO case_notes (debtor_id, claim_id, body, created_by, created_at) VALUES (?, ?, 'bench note', ?, ?)`
	);
	for (let i = 0; i < 40; i++) note.run(debtorId, i % 5 ? claim(i) : null, operatorId, at()); // 450
	for (let i = 0; i < 50; i++)
		audit(db, operator, {
			action: 'claim.status',
			entity: 'claim',
			entityId: claim(i),
			after: { why: 'bench' }
		}); // 500
	return { debtorId, claimIds };
});

// ---- timing --------------------------------------------------------------------------------
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))];
/**
 * Wall-clock p50/p95/max, and the p95 of the CPU time the process itself spent: on a machine
 * shared with other work the wall clock includes waiting for a core, the CPU time does not.
 */
function time(label: string, fn: () => unknown, target: number | null) {
	for (let i = 0; i < 10; i++) fn(); // warm-up
	const ms: number[] = [];
	const cpu: number[] = [];
	for (let i = 0; i < runs; i++) {
		const c = process.cpuUsage();
		const t = performance.now();
		fn();
		ms.push(performance.now() - t);
		const d = process.cpuUsage(c);
		cpu.push((d.user + d.system) / 1000);
	}
	ms.sort((a, b) => a - b);
	cpu.sort((a, b) => a - b);
	const p95 = pct(ms, 0.95);
	const verdict =
		target === null ? '' : `  (target < ${target} ms: ${p95 < target ? 'met' : 'MISSED'})`;
	const f = (x: number) => x.toFixed(2).padStart(7);
	console.log(
		`${label.padEnd(32)} p50 ${f(pct(ms, 0.5))} ms  p95 ${f(p95)} ms  max ${f(ms[ms.length - 1])} ms  cpu p95 ${f(pct(cpu, 0.95))} ms${verdict}`
	);
}

const claimsTotal = sql.prepare('SELECT max(id) FROM claims').pluck().get() as number;
const debtorsTotal = sql.prepare('SELECT max(id) FROM debtors').pluck().get() as number;
console.log(
	`${source}: ${claimsTotal.toLocaleString('en')} claims, ${debtorsTotal.toLocaleString('en')} debtors; ${runs} runs each`
);

console.log('search (searchCases):');
for (const [kind, make] of Object.entries(searchQueries(sql))) {
	time(`  ${kind}`, () => searchCases(db, operator, make()), 50);
}

const filter = (f: Partial<TimelineFilter>) => () => ({ claimId: null, kinds: [], page: 1, ...f });
const first = caseFile(db, operator, debtorId, filter({}));
console.log(
	`case page (caseFile): debtor ${debtorId}, ${first.claims.length} claims, ${first.timeline.total} timeline events (${Object.entries(
		first.timeline.counts
	)
		.filter(([, n]) => n > 0)
		.map(([k, n]) => `${k} ${n}`)
		.join(', ')})`
);
const kinds: TimelineKind[] = ['call', 'note'];
time('  everything, page 1', () => caseFile(db, operator, debtorId, filter({})), 100);
time('  everything, last page', () => caseFile(db, operator, debtorId, filter({ page: 99 })), 100);
time('  one claim', () => caseFile(db, operator, debtorId, filter({ claimId: claimIds[3] })), 100);
time('  calls and notes', () => caseFile(db, operator, debtorId, filter({ kinds })), 100);

console.log('operators’ home:');
time('  queue counts', () => queueCounts(db, operator), null);
time(
	'  disputes by deadline, page 1',
	() => homeDisputes(db, operator, { sort: 'due', dir: 'asc', page: 1 }),
	null
);
time(
	'  refund tasks by amount',
	() => homeRefundTasks(db, operator, { sort: 'amount', dir: 'desc', page: 1 }),
	null
);

sql.close();
if (given.keep) console.log(`the copy stays at ${copy}`);
else fs.rmSync(path.dirname(copy), { recursive: true, force: true });
