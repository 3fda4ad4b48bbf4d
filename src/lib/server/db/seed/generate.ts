/**
 * The demo-data generator behind `npm run db:seed`. Deterministic for a seed and a day: every
 * random choice comes from one mulberry32 stream, and "today" (histories end yesterday) is the
 * Budapest date of `now`.
 *
 * Built for volume: a million claims in batched transactions with prepared raw statements. The
 * arithmetic is the services' own: ledger sums give balances, payments are allocated with
 * `allocate` (costs -> fees -> interest -> principal), collected = payments less refunds, stage
 * history follows claim-state.ts (a stage row closes with paid / in_plan / disputed / moved_on /
 * closed, and a claim back to open re-opens its stage).
 *
 * This file runs the whole; the parts: calendar.ts (days, instants, contact windows), writers.ts
 * (prepared statements), creditors.ts, debtors.ts (and the amounts placed), claim-story.ts (one
 * claim's history and its rows), fates.ts (what happens to a claim), rollups.ts (report rollups,
 * triggers and indexes off during the bulk), context.ts (what the parts share).
 */
import type { Balances } from '../../../domain/ledger';
import { DAY_MS, localDate } from '../../../domain/clock';
import { hashToken } from '../../auth/tokens';
import { hashPassword } from '../../auth/passwords';
import { migrationsFolder, type DB } from '../client';
import { Rng } from './prng';
import { demoAccounts, type DemoAccounts, type DemoCreditorKey } from './demo-accounts';
import { makeCalendar } from './calendar';
import { makeWriters } from './writers';
import { creditorDefs, seedCreditors } from './creditors';
import { debtorMaker, huf } from './debtors';
import { makeClaim, type Fate } from './claim-story';
import type { SeedContext } from './context';
import { BULK_TABLES, Rollups, suspendIndexes, suspendRollupTriggers } from './rollups';
import { suspendSearchIndex } from './search-index';

export { rollupBackfill } from './rollups';

export interface SeedOptions {
	seed: number;
	claims: number;
	/** "now" (clock().now()); today's Budapest date ends the histories */
	now: number;
	/** where the migrations are (the report rollups are rebuilt with their backfill statements) */
	migrationsFolder?: string;
	/** progress lines (batches); omitted = silent */
	progress?: (msg: string) => void;
}

export interface SeedResult {
	ms: number;
	counts: Record<string, number>;
	accounts: DemoAccounts;
	today: string;
}

/** Every table the seed fills, in the order its row counts are reported. */
export const SEEDED_TABLES = [
	'creditors',
	'portfolios',
	'strategies',
	'installment_rules',
	'commission_terms',
	'staff_users',
	...BULK_TABLES,
	'strategy_versions',
	'claim_engine',
	'planned_actions',
	'holds',
	'legal_handovers',
	'contact_preferences',
	'settlement_certificates',
	'access_links',
	'audit_log'
] as const;

/** Fills an empty, migrated database. Throws if something is already there. */
export async function seedDatabase(db: DB, opts: SeedOptions): Promise<SeedResult> {
	const started = performance.now();
	const sql = db.$client;
	const rng = new Rng(opts.seed);
	const accounts = demoAccounts(opts.seed);
	const today = localDate(opts.now);
	const progress = opts.progress ?? (() => {});
	const cal = makeCalendar(today, rng);
	const { ts, setupAt } = cal;

	const existing = sql
		.prepare(
			'SELECT (SELECT count(*) FROM creditors) + (SELECT count(*) FROM staff_users) + (SELECT count(*) FROM claims) AS n'
		)
		.get() as { n: number };
	if (existing.n > 0) throw new Error('database is not empty');

	// ---- staff (argon2 is slow: hash the five passwords before any transaction) -----------------
	const hashes = await Promise.all(accounts.staff.map((s) => hashPassword(s.password)));

	// ---- creditors, strategies, rules, portfolios, staff ---------------------------------------
	const defs = creditorDefs();
	const { creditorIds, portfolios, operatorId, versions } = seedCreditors(
		sql,
		cal,
		today,
		defs,
		accounts,
		hashes
	);

	// ---- the bulk's writers, and what the parts share ---------------------------------------------
	const w = makeWriters(sql);
	const { st, flush } = w;
	const maxDebtors = opts.claims + 10;
	const ctx: SeedContext = {
		rng,
		today,
		cal,
		w,
		defs,
		creditorIds,
		portfolios,
		operatorId,
		isCompany: new Uint8Array(maxDebtors + 1),
		optOut: new Uint8Array(maxDebtors + 1),
		ids: { debtor: 1, claim: 1, payment: 1, plan: 1, contact: 1 },
		roll: new Rollups(),
		refSeq: [0, 0, 0],
		versions
	};
	const { newDebtor, charges } = debtorMaker(ctx);

	// ---- demo debtors first (ids 1..3), with claims that stay open and payable -------------------
	const demoDebtorIds: Record<string, number> = {};
	sql.pragma('foreign_keys = OFF');
	const rollups = suspendRollupTriggers(db, opts.migrationsFolder ?? migrationsFolder());
	const indexes = suspendIndexes(db, BULK_TABLES);
	const search = suspendSearchIndex(db, opts.migrationsFolder ?? migrationsFolder());
	sql.transaction(() => {
		for (const d of accounts.links) {
			const id = ctx.ids.debtor++;
			demoDebtorIds[d.key] = id;
			if (d.kind === 'company') ctx.isCompany[id] = 1;
			const placedDay = portfolios[0][0].day;
			st.debtor.run(
				id,
				d.kind,
				d.name,
				d.birthDate,
				d.taxNumber,
				d.postalCode,
				d.city,
				d.address,
				d.email,
				d.phone,
				'hu',
				ts(placedDay, 7)
			);
			st.link.run(id, hashToken(d.token), d.question, setupAt + 60 * DAY_MS, setupAt);
		}
		const ci = (k: DemoCreditorKey) => defs.findIndex((c) => c.key === k);
		const b = (principal: number, interest: number, fee: number, cost: number): Balances => ({
			principal: huf(principal),
			interest: huf(interest),
			fee: huf(fee),
			cost: huf(cost)
		});
		const demo = (
			key: string,
			creditor: DemoCreditorKey,
			k: number,
			bal: Balances,
			description: string,
			demoPartial?: number
		) =>
			makeClaim(ctx, {
				ci: ci(creditor),
				k,
				debtorId: demoDebtorIds[key],
				currency: 'HUF',
				charges: bal,
				fate: 'none',
				demo: true,
				description,
				demoPartial
			});
		demo('anna', 'duna', 0, b(850_000, 64_300, 4_900, 0), 'Személyi kölcsön');
		demo('anna', 'duna', 0, b(118_400, 9_700, 4_900, 1_200), 'Hitelkártya-tartozás', huf(20_000));
		demo('anna', 'pannon', 0, b(38_990, 0, 3_500, 0), 'Mobil-előfizetés');
		demo('gabor', 'tisza', 0, b(68_400, 1_150, 2_900, 0), 'Villamosenergia-számla');
		demo('kert', 'tisza', 0, b(412_300, 8_200, 2_900, 15_000), 'Földgázszámla');
		demo('kert', 'pannon', 0, b(96_000, 0, 3_500, 15_000), 'Internet-előfizetés');
		flush();
	})();

	// ---- the bulk, in batches --------------------------------------------------------------------
	const firstBulkDebtor = ctx.ids.debtor;
	const weights = defs.map((d) => d.weight);
	const monthWeights = Array.from({ length: 12 }, (_, k) => 1 + (11 - k) * 0.02);
	const fates: Fate[] = [
		'pay_full',
		'partial',
		'partial_full',
		'plan',
		'proposed',
		'dispute',
		'promise',
		'none'
	];
	const fateWeights = [0.25, 0.08, 0.05, 0.13, 0.015, 0.035, 0.07, 0.37];
	const total = opts.claims;
	const BATCH = 5000;
	let done = 0;
	const batch = sql.transaction((n: number) => {
		for (let i = 0; i < n; i++) {
			const ci = rng.weighted(weights);
			const k = rng.weighted(monthWeights);
			const P = portfolios[ci][k].day;
			let debtorId: number;
			if (ctx.ids.debtor > firstBulkDebtor + 20 && rng.chance(0.14)) {
				debtorId = firstBulkDebtor + Math.floor(rng.next() * (ctx.ids.debtor - firstBulkDebtor));
			} else {
				debtorId = newDebtor(P, defs[ci].sector === 'bank' ? 0.05 : 0.12);
			}
			const currency = defs[ci].sector === 'bank' && rng.chance(0.08) ? 'EUR' : 'HUF';
			makeClaim(ctx, {
				ci,
				k,
				debtorId,
				currency,
				charges: charges(ci, currency, ctx.isCompany[debtorId] === 1),
				fate: fates[rng.weighted(fateWeights)]
			});
		}
		flush();
	});
	while (done < total) {
		const n = Math.min(done === 0 ? 1000 : BATCH, total - done);
		batch(n);
		const before = done;
		done += n;
		if (Math.floor(done / 100_000) > Math.floor(before / 100_000) || done === total)
			progress(
				`  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} claims (${((performance.now() - started) / 1000).toFixed(1)} s)`
			);
	}
	sql.pragma('foreign_keys = ON');
	let t0 = performance.now();
	indexes.restore();
	progress(`  indexes built (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
	t0 = performance.now();
	rollups.restore(ctx.roll);
	progress(`  report rollups rebuilt (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
	t0 = performance.now();
	search.restore();
	progress(`  search index built (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

	const counts: Record<string, number> = {};
	for (const t of SEEDED_TABLES)
		counts[t] = (sql.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
	return { ms: performance.now() - started, counts, accounts, today };
}
