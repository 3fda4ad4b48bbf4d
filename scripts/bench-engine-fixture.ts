/**
 * The bulk database for `npm run bench:engine`: open claims as the engine leaves them after it
 * ran every day up to the day before `asOf` under the agency's default strategy. Written with
 * INSERT ... SELECT over a counter (no per-row JavaScript), so a million claims take a minute or
 * two. Due dates are spread evenly over the last 200 days, so on the day a realistic share of the
 * claims crosses a stage's start day (about 2 %) or reaches a step's day (about 3 %); the rest
 * have nothing due and must be passed over quickly. 2 % are on a stop-clock hold, 1 % have
 * channels suppressed, 5 % of the young claims were never offered a plan (C9), 10 % of debtors
 * are companies, and one creditor's contract allows stage fees (a fixed fee on the firm reminder,
 * the C14 lump sum on the formal notice).
 */
import type { DB } from '../src/lib/server/db/client';
import { defaultStrategyVersion } from '../src/lib/domain/strategy';
import { addDays } from '../src/lib/domain/clock';

/** raised whenever the fixture changes, so --reuse builds again */
export const FIXTURE_VERSION = 2;

const BATCH = 100_000;
/** claims are due 1..SPREAD days before the as-of day */
const SPREAD = 200;

export interface Fixture {
	claims: number;
	actions: number;
}

export function buildEngineFixture(db: DB, n: number, asOf: string, log = console.log): Fixture {
	const c = db.$client;
	const now = Date.now();
	const yesterday = addDays(asOf, -1);
	c.exec('BEGIN');
	const creditors: { id: number; portfolio: number; version: number }[] = [];
	for (let k = 0; k < 3; k++) {
		const id = c
			.prepare(
				`INSERT INTO creditors (name, short_name, sector, tax_number, fees_allowed, created_at)
				 VALUES (?, ?, 'bank', '12345676-2-42', ?, ?)`
			)
			.run(`Motor ${k} Zrt.`, `Motor ${k}`, k === 0 ? 1 : 0, now).lastInsertRowid as number;
		const portfolio = c
			.prepare(
				`INSERT INTO portfolios (creditor_id, name, placed_date, created_at) VALUES (?, 'Motor', ?, ?)`
			)
			.run(id, addDays(asOf, -SPREAD - 10), now).lastInsertRowid as number;
		const body = defaultStrategyVersion();
		if (k === 0) {
			body.stages[1].fee = { kind: 'fixed', amountMinor: 500_000 };
			body.stages[2].fee = { kind: 'b2b_lump_sum' };
		}
		const version = c
			.prepare(
				`INSERT INTO strategy_versions (creditor_id, version, body_json, label, created_at) VALUES (?, 1, ?, 'bench', ?)`
			)
			.run(id, JSON.stringify(body), now).lastInsertRowid as number;
		creditors.push({ id, portfolio, version });
	}
	const debtors = Math.max(1, Math.ceil(n / 5));
	c.prepare(
		`WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ? - 1)
		 INSERT INTO debtors (kind, name, birth_date, postal_code, city, address, email, created_at)
		 SELECT CASE WHEN i % 10 = 0 THEN 'company' ELSE 'person' END, 'Motor Adós ' || i, '1980-01-01',
		        '1051', 'Budapest', 'Fő u. 1.', 'adós' || i || '@example.hu', ? FROM s`
	).run(debtors, now);
	const firstDebtor = c.prepare('SELECT min(id) FROM debtors').pluck().get() as number;
	c.exec('COMMIT');

	// the stage a claim due k days ago was in yesterday, and the day it entered it (no holds:
	// calendar days); a claim whose stage starts today moves today
	const stages = defaultStrategyVersion().stages;
	const stageCase = `CASE ${[...stages]
		.reverse()
		.map((s) => `WHEN k > ${s.startDay} THEN '${s.stage}'`)
		.join(' ')} ELSE 'new' END`;
	const startCase = `CASE ${[...stages]
		.reverse()
		.map((s) => `WHEN k > ${s.startDay} THEN ${s.startDay}`)
		.join(' ')} ELSE NULL END`;
	const steps = stages.flatMap((s) =>
		s.steps.map((st) => ({
			stage: s.stage,
			startDay: s.startDay,
			step: st.key,
			day: st.day,
			channels: JSON.stringify(st.channels),
			template: st.template
		}))
	);
	const creditorCase = (f: 'id' | 'portfolio' | 'version') =>
		`CASE i % 3 ${creditors.map((cr, j) => `WHEN ${j} THEN ${cr[f]}`).join(' ')} END`;

	const t0 = performance.now();
	for (let start = 0; start < n; start += BATCH) {
		const size = Math.min(BATCH, n - start);
		c.exec('BEGIN');
		// k: days past due, 1..SPREAD, evenly spread by a multiplicative step
		c.prepare(
			`WITH RECURSIVE s(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM s WHERE i < ? - 1),
			 r AS (SELECT i, 1 + (i * 7919) % ${SPREAD} AS k FROM s)
			 INSERT INTO claims (creditor_id, portfolio_id, debtor_id, reference, currency, placed_date,
			        due_date, stage, stage_changed_at, status, placed_minor, balance_minor, plan_offered_at, created_at)
			 SELECT ${creditorCase('id')}, ${creditorCase('portfolio')}, ? + i % ?, 'M-' || i, 'HUF',
			        date(?, '-' || (k + 10) || ' days'), date(?, '-' || k || ' days'), ${stageCase}, ?, 'open',
			        5000000 + (i % 97) * 100000, 5000000 + (i % 97) * 100000,
			        CASE WHEN k < 45 AND i % 20 = 0 THEN NULL ELSE ? END, ?
			   FROM r`
		).run(start, start + size, firstDebtor, debtors, asOf, asOf, now, now, now);
		c.exec('COMMIT');
		log(`  claims ${start + size} (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
	}

	// the engine state: version, the day the claim entered its stage, evaluated yesterday
	const firstClaim = c.prepare('SELECT min(id) FROM claims').pluck().get() as number;
	const claimsFrom = (what: string) => `
		WITH r AS (SELECT c.id, c.id - ${firstClaim} AS i, c.stage,
		                  CAST(julianday('${asOf}') - julianday(c.due_date) AS INTEGER) AS k, c.due_date
		             FROM claims c WHERE c.id BETWEEN ? AND ?)
		${what}`;
	for (let lo = firstClaim; lo < firstClaim + n; lo += BATCH) {
		const hi = lo + BATCH - 1;
		c.exec('BEGIN');
		c.prepare(
			claimsFrom(`INSERT INTO claim_engine (claim_id, version_id, cycle, stage_entered_on, evaluated_on, assigned_at)
			 SELECT id, ${creditorCase('version')}, 0,
			        CASE WHEN stage = 'new' THEN NULL ELSE date(due_date, '+' || ${startCase} || ' days') END, ?, ? FROM r`)
		).run(lo, hi, yesterday, now);
		c.prepare(
			claimsFrom(`INSERT INTO claim_stage_events (claim_id, stage, entered_at)
			 SELECT id, stage, ? FROM r`)
		).run(lo, hi, now);
		// every step of the current stage whose day has passed was planned (sent ones done)
		for (const s of steps)
			c.prepare(
				claimsFrom(`INSERT INTO planned_actions (key, claim_id, version_id, kind, stage, step, occurrence,
				        due_date, channels_json, template, why_json, state, created_at)
				 SELECT id || ':' || ${creditorCase('version')} || '@1:' || stage || ':' || ? || ':0', id,
				        ${creditorCase('version')}, 'contact', stage, ?, 0,
				        date(due_date, '+' || (? + ?) || ' days'), ?, ?, '{"rule":"step_due","facts":{}}',
				        CASE WHEN k - ? - ? > 3 THEN 'done' ELSE 'planned' END, ?
				   FROM r WHERE stage = ? AND k - ? > ?`)
			).run(
				lo,
				hi,
				s.step,
				s.step,
				s.startDay,
				s.day,
				s.channels,
				s.template,
				s.startDay,
				s.day,
				now,
				s.stage,
				s.startDay,
				s.day
			);
		// holds: 2 % stop the clock since 10 days ago, 1 % suppress SMS and calls
		c.prepare(
			claimsFrom(`INSERT INTO holds (claim_id, kind, start_date, end_date, effect_json, created_at)
			 SELECT id, 'insolvency', date('${asOf}', '-10 days'), NULL, '{"kind":"stop_clock"}', ? FROM r WHERE i % 50 = 7`)
		).run(lo, hi, now);
		c.prepare(
			claimsFrom(`INSERT INTO holds (claim_id, kind, start_date, end_date, effect_json, created_at)
			 SELECT id, 'vulnerability', date('${asOf}', '-30 days'), NULL,
			        '{"kind":"suppress","channels":["sms","call"]}', ? FROM r WHERE i % 100 = 11`)
		).run(lo, hi, now);
		c.exec('COMMIT');
	}
	const actions = c.prepare('SELECT count(*) FROM planned_actions').pluck().get() as number;
	return { claims: n, actions };
}
