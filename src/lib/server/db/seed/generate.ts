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
 */
import type { Statement } from '../sqlite';
import { allocate } from '../../../domain/allocation';
import type { Balances, Component } from '../../../domain/ledger';
import { DAY_MS, instantAt, localDate, addMonths } from '../../../domain/clock';
import { hungarianHolidays } from '../../../domain/holidays';
import {
	defaultContactLimits,
	defaultStrategy,
	STAGES,
	type Channel,
	type Stage,
	type Strategy
} from '../../../domain/stages';
import { defaultRules, bandFor, type CreditorRules } from '../../../domain/rules';
import { splitEven } from '../../../domain/money';
import { hashToken } from '../../auth/tokens';
import { hashPassword } from '../../auth/passwords';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrationsFolder, type DB } from '../client';
import { Rng } from './prng';
import {
	SURNAMES,
	MALE_NAMES,
	FEMALE_NAMES,
	PLACES,
	STREETS,
	COMPANY_PLACES,
	COMPANY_TRADES,
	EMAIL_DOMAINS,
	DESCRIPTIONS,
	DISPUTE_DETAILS,
	DISPUTE_ANSWERS,
	taxNumber,
	asciiLower
} from './data';
import { demoAccounts, type DemoAccounts, type DemoCreditorKey } from './demo-accounts';

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

export const SEEDED_TABLES = [
	'creditors',
	'portfolios',
	'strategies',
	'installment_rules',
	'staff_users',
	'debtors',
	'claims',
	// filled by the claims trigger: in the seed each creditor supplied the debtor record as it is
	'claim_debtors',
	'claim_stage_events',
	'ledger_entries',
	'payments',
	'plans',
	'installments',
	'promises',
	'disputes',
	'contact_preferences',
	'contact_events',
	'settlement_certificates',
	'access_links',
	'audit_log'
] as const;

type Sector = 'bank' | 'utility' | 'telecom';

interface CreditorDef {
	key: DemoCreditorKey;
	name: string;
	shortName: string;
	sector: Sector;
	taxNumber: string;
	identityCheck: 'birth_date' | 'postal_code';
	refPrefix: string;
	placedDay: number;
	weight: number;
	strategy: Strategy;
	rules: CreditorRules;
	fee: number;
}

function creditorDefs(): CreditorDef[] {
	const bankStrategy = defaultStrategy();
	const utility = defaultStrategy();
	utility.friendly_reminder = { afterDays: 8, channels: ['sms', 'email', 'letter'] };
	utility.firm_reminder = { afterDays: 25, channels: ['sms', 'call'] };
	utility.formal_notice = { afterDays: 50, channels: ['letter', 'call'] };
	utility.legal = { afterDays: 100, channels: ['letter'] };
	const telecom = defaultStrategy();
	telecom.friendly_reminder = { afterDays: 3, channels: ['sms', 'email'] };
	telecom.firm_reminder = { afterDays: 15, channels: ['sms', 'call'] };
	telecom.formal_notice = { afterDays: 40, channels: ['letter', 'call'] };
	telecom.legal = { afterDays: 80, channels: ['letter'] };

	const bankRules = defaultRules();
	bankRules.bands = [
		{
			upToMinor: 5_000_000,
			plansAllowed: false,
			maxInstallments: 1,
			minInstallmentMinor: 0,
			minInstallmentShareBp: 0,
			autoApproveMaxInstallments: 0
		},
		{
			upToMinor: 50_000_000,
			plansAllowed: true,
			maxInstallments: 6,
			minInstallmentMinor: 1_500_000,
			minInstallmentShareBp: 0,
			autoApproveMaxInstallments: 4
		},
		{
			upToMinor: null,
			plansAllowed: true,
			maxInstallments: 24,
			minInstallmentMinor: 2_500_000,
			minInstallmentShareBp: 400,
			autoApproveMaxInstallments: 12
		}
	];
	bankRules.minDownPaymentBp = 1000;
	bankRules.maxPlanDays = 730;
	const utilityRules = defaultRules();
	utilityRules.bands = [
		{
			upToMinor: 3_000_000,
			plansAllowed: false,
			maxInstallments: 1,
			minInstallmentMinor: 0,
			minInstallmentShareBp: 0,
			autoApproveMaxInstallments: 0
		},
		{
			upToMinor: null,
			plansAllowed: true,
			maxInstallments: 6,
			minInstallmentMinor: 1_000_000,
			minInstallmentShareBp: 0,
			autoApproveMaxInstallments: 4
		}
	];
	utilityRules.frequencies = ['biweekly', 'monthly'];
	utilityRules.maxPlanDays = 180;
	utilityRules.graceDays = 10;
	utilityRules.minPartialPaymentMinor = 300_000;
	const telecomRules = defaultRules();
	telecomRules.bands = [
		{
			upToMinor: 4_000_000,
			plansAllowed: false,
			maxInstallments: 1,
			minInstallmentMinor: 0,
			minInstallmentShareBp: 0,
			autoApproveMaxInstallments: 0
		},
		{
			upToMinor: null,
			plansAllowed: true,
			maxInstallments: 4,
			minInstallmentMinor: 1_000_000,
			minInstallmentShareBp: 0,
			autoApproveMaxInstallments: 3
		}
	];
	telecomRules.frequencies = ['monthly'];
	telecomRules.maxPlanDays = 120;
	telecomRules.promiseMaxDays = 14;
	telecomRules.partialPaymentsAllowed = false;

	return [
		{
			key: 'duna',
			name: 'Duna Bank Zrt.',
			shortName: 'Duna Bank',
			sector: 'bank',
			taxNumber: taxNumber(1094325, 4, 44),
			identityCheck: 'birth_date',
			refPrefix: 'DB',
			placedDay: 3,
			weight: 0.34,
			strategy: bankStrategy,
			rules: bankRules,
			fee: 490_000
		},
		{
			key: 'tisza',
			name: 'Tisza Energia Zrt.',
			shortName: 'Tisza Energia',
			sector: 'utility',
			taxNumber: taxNumber(2376541, 2, 6),
			identityCheck: 'postal_code',
			refPrefix: 'TE',
			placedDay: 5,
			weight: 0.38,
			strategy: utility,
			rules: utilityRules,
			fee: 290_000
		},
		{
			key: 'pannon',
			name: 'Pannon Telekom Nyrt.',
			shortName: 'Pannon Telekom',
			sector: 'telecom',
			taxNumber: taxNumber(1477320, 2, 41),
			identityCheck: 'birth_date',
			refPrefix: 'PT',
			placedDay: 8,
			weight: 0.28,
			strategy: telecom,
			rules: telecomRules,
			fee: 350_000
		}
	];
}

const STAGE_KEYS = ['friendly_reminder', 'firm_reminder', 'formal_notice', 'legal'] as const;
const HOUR = 3_600_000;
const MIN = 60_000;
const EMPTY_BAL = (): Balances => ({ principal: 0, interest: 0, fee: 0, cost: 0 });
const ORDER: readonly Component[] = ['cost', 'fee', 'interest', 'principal'];
const IDENTIFIED: Partial<Record<Channel, true>> = { call: true, sms: true, visit: true };

/** Fills an empty, migrated database. Throws if something is already there. */
export async function seedDatabase(db: DB, opts: SeedOptions): Promise<SeedResult> {
	const started = performance.now();
	const sql = db.$client;
	const rng = new Rng(opts.seed);
	const accounts = demoAccounts(opts.seed);
	const today = localDate(opts.now);
	const progress = opts.progress ?? (() => {});

	// ---- calendar helpers on day numbers (days since 1970-01-01) --------------------------------
	const dayOf = (s: string) =>
		Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / DAY_MS;
	const T = dayOf(today);
	const Y = T - 1; // last day with history
	const BASE = T - 1200;
	const strCache: string[] = [];
	const offCache: number[] = [];
	const ds = (d: number): string => {
		const i = d - BASE;
		return strCache[i] ?? (strCache[i] = new Date(d * DAY_MS).toISOString().slice(0, 10));
	};
	const offset = (d: number): number => {
		const i = d - BASE;
		let o = offCache[i];
		if (o === undefined) o = offCache[i] = d * DAY_MS + 12 * HOUR - instantAt(ds(d), 12);
		return o;
	};
	/** the instant of a Budapest wall-clock time on day d */
	const ts = (d: number, h: number, m = 0) => d * DAY_MS + h * HOUR + m * MIN - offset(d);
	const weekday = (d: number) => (((d + 4) % 7) + 7) % 7;
	const holidays = new Set<number>();
	for (let y = +today.slice(0, 4) - 3; y <= +today.slice(0, 4) + 1; y++)
		for (const h of hungarianHolidays(y)) holidays.add(dayOf(h));
	/** C1: the first day from d on that has a contact window (not Sunday, not a public holiday) */
	const openDay = (d: number) => {
		while (weekday(d) === 0 || holidays.has(d)) d++;
		return d;
	};
	/** a time inside the C1 window on an open day: weekdays 08-20, Saturday 08-12 */
	const windowTs = (d: number) =>
		weekday(d) === 6
			? ts(d, rng.int(8, 11), rng.int(0, 59))
			: ts(d, rng.int(8, 19), rng.int(0, 59));
	const anyTs = (d: number) => ts(d, rng.int(7, 22), rng.int(0, 59));
	/** setup rows (users, links) are stamped yesterday evening: the same for every run on a day */
	const setupAt = ts(Y, 18, 0);

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
	const creditorIds: number[] = [];
	/** portfolios[c][k] = { id, day } for k months back (0 = newest) */
	const portfolios: { id: number; day: number }[][] = [];
	const staffIds: Record<string, number> = {};
	const limits = defaultContactLimits();
	const startMonthsBack = +today.slice(8, 10) >= 10 ? 0 : 1;
	const firstOfMonth = today.slice(0, 8) + '01';

	sql.transaction(() => {
		const insCreditor = sql.prepare(
			`INSERT INTO creditors (name, short_name, sector, tax_number, identity_check, allocation_order, retention_months, active, created_at)
			 VALUES (?, ?, ?, ?, ?, 'cost,fee,interest,principal', ?, 1, ?)`
		);
		const insStrategy = sql.prepare(
			'INSERT INTO strategies (creditor_id, stages_json, contact_limits_json, updated_at) VALUES (?, ?, ?, ?)'
		);
		const insRules = sql.prepare(
			'INSERT INTO installment_rules (creditor_id, portfolio_id, rules_json, version, updated_at) VALUES (?, NULL, ?, 1, ?)'
		);
		const insPortfolio = sql.prepare(
			'INSERT INTO portfolios (creditor_id, name, placed_date, created_at) VALUES (?, ?, ?, ?)'
		);
		defs.forEach((c, ci) => {
			const since = ts(T - 400, 9);
			const id = Number(
				insCreditor.run(
					c.name,
					c.shortName,
					c.sector,
					c.taxNumber,
					c.identityCheck,
					c.sector === 'bank' ? 96 : 60,
					since
				).lastInsertRowid
			);
			creditorIds.push(id);
			const lim = { ...limits, maxContactsPer7Days: ci === 2 ? 2 : limits.maxContactsPer7Days };
			insStrategy.run(id, JSON.stringify(c.strategy), JSON.stringify(lim), since);
			insRules.run(id, JSON.stringify(c.rules), since);
			const list: { id: number; day: number }[] = [];
			for (let k = 0; k < 12; k++) {
				const month = addMonths(firstOfMonth, -(startMonthsBack + k));
				const placed = month.slice(0, 8) + String(c.placedDay).padStart(2, '0');
				const day = Math.min(dayOf(placed), Y);
				const pid = Number(
					insPortfolio.run(id, `${c.shortName} ${month.slice(0, 7)}`, ds(day), ts(day, 7))
						.lastInsertRowid
				);
				list.push({ id: pid, day });
			}
			portfolios.push(list);
		});
		const insStaff = sql.prepare(
			`INSERT INTO staff_users (email, name, role, creditor_id, password_hash, totp_key, password_changed_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
		);
		accounts.staff.forEach((s, i) => {
			const creditorId = s.creditor
				? creditorIds[defs.findIndex((d) => d.key === s.creditor)]
				: null;
			const key = s.role === 'admin' ? Buffer.from(accounts.adminTotpKey) : null;
			staffIds[s.email] = Number(
				insStaff.run(s.email, s.name, s.role, creditorId, hashes[i], key, setupAt, setupAt)
					.lastInsertRowid
			);
		});
	})();
	const operatorId = staffIds[accounts.operator.email];

	// ---- prepared statements for the bulk -------------------------------------------------------
	const prep = (q: string): Statement<unknown[]> => sql.prepare<unknown[]>(q);
	/**
	 * The three biggest tables take rows in multi-row INSERTs (64 rows a statement): fewer calls
	 * across the native boundary. `flush()` before every commit.
	 */
	const buffered = (table: string, columns: string[], rows = 64) => {
		const one = `(${columns.map(() => '?').join(',')})`;
		const single = prep(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${one}`);
		const multi = prep(
			`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(rows).fill(one).join(',')}`
		);
		let buf: unknown[] = [];
		let n = 0;
		return {
			run(...values: unknown[]) {
				for (const v of values) buf.push(v);
				if (++n === rows) {
					multi.run(...buf);
					buf = [];
					n = 0;
				}
			},
			flush() {
				const w = columns.length;
				for (let i = 0; i < n; i++) single.run(...buf.slice(i * w, (i + 1) * w));
				buf = [];
				n = 0;
			}
		};
	};
	const big = {
		stage: buffered('claim_stage_events', [
			'claim_id',
			'stage',
			'entered_at',
			'left_at',
			'outcome'
		]),
		ledger: buffered('ledger_entries', [
			'claim_id',
			'component',
			'kind',
			'amount_minor',
			'effective_date',
			'payment_id',
			'memo',
			'created_at'
		]),
		contact: buffered('contact_events', [
			'id',
			'claim_id',
			'debtor_id',
			'channel',
			'stage',
			'direction',
			'outcome',
			'template',
			'recording_ref',
			'operator_id',
			'occurred_at'
		])
	};
	const flush = () => {
		big.stage.flush();
		big.ledger.flush();
		big.contact.flush();
	};
	const st = {
		debtor: prep(
			`INSERT INTO debtors (id, kind, name, birth_date, tax_number, postal_code, city, address, email, phone, language, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`
		),
		pref: prep(
			`INSERT INTO contact_preferences (debtor_id, preferred_channel, preferred_from, preferred_to, opt_out_sms, opt_out_email, opt_out_call, opt_out_letter, opt_out_visit, language, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`
		),
		claim: prep(
			`INSERT INTO claims (id, creditor_id, portfolio_id, debtor_id, reference, description, currency, placed_date, due_date, stage, stage_changed_at, status, placed_minor, balance_minor, collected_minor, plan_offered_at, paid_at, closed_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`
		),
		payment: prep(
			`INSERT INTO payments (id, claim_id, debtor_id, plan_id, amount_minor, currency, purpose, gateway, status, provider_ref, receipt_number, created_at, completed_at, plan_applied_minor) VALUES (?,?,?,?,?,?,?,?,'succeeded',?,?,?,?,?)`
		),
		plan: prep(
			`INSERT INTO plans (id, claim_id, debtor_id, status, frequency, down_payment_minor, installment_count, first_due_date, total_minor, currency, rules_json, auto_approved, decided_by, decided_at, decision_reason, created_at, ended_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`
		),
		installment: prep(
			'INSERT INTO installments (plan_id, seq, due_date, amount_minor, paid_minor, status, paid_at, paid_on_time) VALUES (?,?,?,?,?,?,?,?)'
		),
		promise: prep(
			'INSERT INTO promises (claim_id, debtor_id, promised_date, amount_minor, status, created_at, resolved_at) VALUES (?,?,?,?,?,?,?)'
		),
		dispute: prep(
			`INSERT INTO disputes (claim_id, debtor_id, reason, details, status, answer_due_date, answer, answered_by, answered_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)`
		),
		cert: prep('INSERT INTO settlement_certificates (claim_id, number, issued_at) VALUES (?,?,?)'),
		link: prep(
			'INSERT INTO access_links (debtor_id, token_hash, question, expires_at, created_at) VALUES (?,?,?,?,?)'
		)
	};

	// ---- debtors -------------------------------------------------------------------------------
	const maxDebtors = opts.claims + 10;
	const isCompany = new Uint8Array(maxDebtors + 1);
	/** bit 1 sms, 2 email, 4 call, 8 letter, 16 visit: channels the debtor opted out of (C8) */
	const optOut = new Uint8Array(maxDebtors + 1);
	let nextDebtorId = 1;
	const usedTax = new Set<string>();

	function newDebtor(d: number, companyShare: number): number {
		const id = nextDebtorId++;
		const company = rng.chance(companyShare);
		const [postal, city] = rng.pick(PLACES);
		const address = `${rng.pick(STREETS)} ${rng.int(1, 120)}.${rng.chance(0.35) ? ` ${rng.int(1, 9)}/${rng.int(1, 20)}.` : ''}`;
		const created = ts(d, 7);
		const lang = rng.chance(0.03) ? 'en' : 'hu';
		if (company) {
			isCompany[id] = 1;
			const name = `${rng.pick(COMPANY_PLACES)} ${rng.pick(COMPANY_TRADES)} ${rng.pick(['Kft.', 'Kft.', 'Kft.', 'Bt.', 'Zrt.'])}`;
			let tax: string;
			do tax = taxNumber(rng.int(1_000_000, 9_999_999), rng.pick([1, 2, 2, 2, 3]), rng.int(2, 44));
			while (usedTax.has(tax));
			usedTax.add(tax);
			const email = rng.chance(0.9) ? `iroda${id}@${asciiLower(name.split(' ')[0])}.example` : null;
			const phone = rng.chance(0.7)
				? `+36 1 ${rng.int(200, 999)} ${String(rng.int(0, 9999)).padStart(4, '0')}`
				: null;
			st.debtor.run(
				id,
				'company',
				name,
				null,
				tax,
				postal,
				city,
				address,
				email,
				phone,
				lang,
				created
			);
		} else {
			const female = rng.chance(0.5);
			const surname = rng.pick(SURNAMES);
			const given = female ? rng.pick(FEMALE_NAMES) : rng.pick(MALE_NAMES);
			const name = `${surname} ${given}`;
			const birthYear = +today.slice(0, 4) - rng.int(19, 84);
			const birth = `${birthYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
			const email = rng.chance(0.6)
				? `${asciiLower(surname)}.${asciiLower(given)}${rng.int(1, 99)}@${rng.pick(EMAIL_DOMAINS)}`
				: null;
			const phone = rng.chance(0.85)
				? `+36 ${rng.pick(['20', '30', '70'])} ${rng.int(200, 999)} ${String(rng.int(0, 9999)).padStart(4, '0')}`
				: null;
			st.debtor.run(
				id,
				'person',
				name,
				birth,
				null,
				postal,
				city,
				address,
				email,
				phone,
				lang,
				created
			);
		}
		if (rng.chance(0.06)) {
			const mask = rng.pick([1, 2, 4, 5, 8, 16, 0]);
			optOut[id] = mask;
			const preferred = rng.pick(['email', 'sms', 'letter', null] as const);
			const window = rng.chance(0.3)
				? rng.pick([
						['17:00', '20:00'],
						['08:00', '12:00'],
						['10:00', '16:00']
					])
				: null;
			st.pref.run(
				id,
				preferred,
				window?.[0] ?? null,
				window?.[1] ?? null,
				mask & 1 ? 1 : 0,
				mask & 2 ? 1 : 0,
				mask & 4 ? 1 : 0,
				mask & 8 ? 1 : 0,
				mask & 16 ? 1 : 0,
				lang,
				created + DAY_MS
			);
		}
		return id;
	}
	const CHANNEL_BIT: Record<Channel, number> = {
		sms: 1,
		email: 2,
		call: 4,
		letter: 8,
		visit: 16,
		portal: 0
	};

	// ---- one claim's history -------------------------------------------------------------------
	let nextClaimId = 1;
	let nextPaymentId = 1;
	let nextPlanId = 1;
	let nextContactId = 1;
	const roll = new Rollups();
	const refSeq = [0, 0, 0];

	type Fate =
		'none' | 'pay_full' | 'partial' | 'partial_full' | 'plan' | 'proposed' | 'dispute' | 'promise';
	interface ClaimSpec {
		ci: number;
		k: number;
		debtorId: number;
		currency: 'HUF' | 'EUR';
		charges: Balances;
		fate: Fate;
		/** demo debtors: keep the claim open and payable whatever happens */
		demo?: boolean;
		description?: string;
		/** demo: one partial payment of this amount a few days after placement */
		demoPartial?: number;
	}

	function makeClaim(spec: ClaimSpec): void {
		const c = defs[spec.ci];
		const claimId = nextClaimId++;
		const debtorId = spec.debtorId;
		const cur = spec.currency;
		const unit = cur === 'HUF' ? 100 : 1;
		const P = portfolios[spec.ci][spec.k].day;
		const due = P - rng.int(3, 20);
		const placedAt = ts(P, 7, 0);
		const bal = { ...spec.charges };
		let balance = bal.principal + bal.interest + bal.fee + bal.cost;
		const placed = balance;
		let collected = 0;
		// (a cast, not an annotation: the closures below change it, so TS must not narrow it to 'open')
		let status = 'open' as 'open' | 'in_plan' | 'disputed' | 'paid' | 'closed';
		let paidAt: number | null = null;
		let closedAt: number | null = null;
		let planOfferedAt: number | null = null;
		let paidDay = 0;

		// children, inserted after the claim row (the report triggers read the claim)
		const ledger: unknown[][] = [];
		for (const comp of ['principal', 'interest', 'fee', 'cost'] as const) {
			if (bal[comp] > 0)
				ledger.push([
					claimId,
					comp,
					'charge',
					bal[comp],
					ds(P),
					null,
					comp === 'cost' && isCompany[debtorId] ? '40 EUR behajtási költségátalány' : 'placement',
					placedAt
				]);
		}
		const paymentsRows: unknown[][] = [];
		const stageRows: [Stage, number, number | null, string | null][] = [];
		const contacts: unknown[][] = [];
		const plansRows: unknown[][] = [];
		const instRows: unknown[][] = [];
		const promiseRows: unknown[][] = [];
		const disputeRows: unknown[][] = [];

		// stage calendar: each stage strictly after the previous, by days past the due date
		const sd = [P, 0, 0, 0, 0];
		for (let s = 1; s <= 4; s++)
			sd[s] = Math.max(sd[s - 1] + 1, due + c.strategy[STAGE_KEYS[s - 1]].afterDays);
		let stageIdx = 0;
		let stageChangedAt = placedAt;
		let lastConversation = -1000;
		const identifiedDays: number[] = [];

		const contact = (d: number, channel: Channel, template: string, outcomeOverride?: string) => {
			if (d > Y) return;
			if (optOut[debtorId] & CHANNEL_BIT[channel]) return;
			if (IDENTIFIED[channel]) {
				// C2: at most 3 identified contacts in 7 days; no call within 7 days after a conversation
				let n = 0;
				for (const x of identifiedDays) if (x > d - 7) n++;
				if (n >= 3) return;
				if (channel === 'call' && d - lastConversation <= 7) return;
				identifiedDays.push(d);
			}
			let outcome = outcomeOverride;
			let rec: string | null = null;
			let op: number | null = null;
			const at = windowTs(d);
			if (!outcome) {
				const r = rng.next();
				switch (channel) {
					case 'sms':
						outcome = r < 0.86 ? 'delivered' : r < 0.95 ? 'failed' : 'sent';
						break;
					case 'email':
						outcome = r < 0.7 ? 'delivered' : r < 0.9 ? 'sent' : 'failed';
						break;
					case 'letter':
						outcome = 'sent';
						break;
					case 'call':
						outcome = r < 0.55 ? 'no_answer' : r < 0.9 ? 'conversation' : 'refused';
						break;
					case 'visit':
						outcome = r < 0.5 ? 'conversation' : 'no_answer';
						break;
					default:
						outcome = 'sent';
				}
			}
			if (channel === 'call' || channel === 'visit') {
				op = operatorId;
				if (outcome === 'conversation' || outcome === 'promise') lastConversation = d;
				if (channel === 'call' && outcome !== 'no_answer')
					rec = `rec/${ds(d).slice(0, 7)}/${claimId}-${rng.int(100000, 999999)}.ogg`;
			}
			contacts.push([
				nextContactId++,
				claimId,
				debtorId,
				channel,
				STAGES[stageIdx],
				'outbound',
				outcome,
				template,
				rec,
				op,
				at
			]);
		};

		/** contacts of one stage visit from day e (inclusive) to x (exclusive) */
		const stageContacts = (e: number, x: number) => {
			if (stageIdx === 0) return;
			const key = STAGE_KEYS[stageIdx - 1];
			const chans = c.strategy[key].channels;
			const first = openDay(e);
			if (first >= x) return;
			const n = stageIdx === 4 || rng.chance(0.7) ? 1 : 2;
			const start = rng.int(0, chans.length - 1);
			for (let i = 0; i < n; i++) contact(first, chans[(start + i) % chans.length], key);
			if (stageIdx < 4 && x - e > 12 && rng.chance(0.5)) {
				const f = openDay(e + rng.int(8, 12));
				if (f < x) contact(f, rng.pick(chans), `${key}_followup`);
			}
		};

		const openRow = (s: number, d: number, first: boolean, at = ts(d, 6, rng.int(0, 29))) => {
			stageIdx = s;
			// back in the same stage (after a broken plan or a rejected dispute): its row is reopened,
			// one row per claim and stage as claim-state.ts keeps it
			const last = stageRows[stageRows.length - 1];
			if (last && last[0] === STAGES[s]) {
				last[2] = null;
				last[3] = null;
			} else stageRows.push([STAGES[s], at, null, null]);
			if (first) stageChangedAt = at;
			if (s >= 1 && planOfferedAt === null) planOfferedAt = at; // C9: every reminder offers a plan
		};
		const closeRow = (at: number, outcome: string) => {
			const row = stageRows[stageRows.length - 1];
			row[2] = at;
			row[3] = outcome;
		};

		/**
		 * The claim is open from day `from` to day `end` (inclusive): stages advance on their days,
		 * each stage's contacts go out (`fresh` = false continues a stage whose reminders already
		 * went out). Leaves stageIdx at the stage reached.
		 */
		const runOpen = (from: number, end: number, fresh = true) => {
			let entered = from;
			let send = fresh;
			for (;;) {
				const nextS = stageIdx + 1;
				const nextDay = nextS <= 4 ? Math.max(sd[nextS], entered + 1) : Infinity;
				if (nextDay <= end) {
					if (send) stageContacts(entered, nextDay);
					send = true;
					closeRow(ts(nextDay, 6, 0), 'moved_on');
					openRow(nextS, nextDay, true);
					entered = nextDay;
				} else {
					if (send) stageContacts(entered, end + 1);
					return;
				}
			}
		};

		const pay = (
			d: number,
			amount: number,
			purpose: string,
			planId: number | null,
			at = anyTs(d)
		) => {
			const { parts, overpayment } = allocate(amount, bal);
			if (overpayment > 0) throw new Error('seed overpaid a claim');
			const pid = nextPaymentId++;
			const gateway = rng.chance(0.55) ? 'bank_transfer' : 'demo';
			const ref =
				gateway === 'bank_transfer'
					? `HUFT${ds(d).replace(/-/g, '')}${String(pid).padStart(9, '0')}`
					: `demo_seed_${pid}`;
			// a plan's payments settle its installments in full (plan_applied_minor, as reconciliation records it)
			paymentsRows.push([
				pid,
				claimId,
				debtorId,
				planId,
				amount,
				cur,
				purpose,
				gateway,
				ref,
				`RZ-${ds(d).slice(0, 4)}-${String(pid).padStart(7, '0')}`,
				at - 5 * MIN,
				at,
				planId != null ? amount : 0
			]);
			for (const comp of ORDER) {
				if (parts[comp] > 0) {
					ledger.push([claimId, comp, 'payment', -parts[comp], ds(d), pid, `payment ${pid}`, at]);
					bal[comp] -= parts[comp];
				}
			}
			balance -= amount;
			collected += amount;
			if (balance === 0) {
				status = 'paid';
				paidAt = at;
				paidDay = d;
			}
			return at;
		};
		const roundUnit = (x: number) => Math.max(unit, Math.round(x / unit) * unit);
		const partialAmount = () =>
			Math.min(balance - unit, roundUnit(balance * (0.1 + rng.next() * 0.4)));

		// ---- the story ----
		openRow(0, P, true);
		let fate = spec.fate;
		let R = P + 1 + Math.floor(rng.exp(45));
		if (fate === 'proposed') R = Math.max(P + 1, Y - rng.int(0, 9));
		if (R > Y || R <= P) fate = 'none';

		if (spec.demo) {
			const end = Y;
			if (spec.demoPartial && P + 5 <= end) {
				runOpen(P, P + 4);
				pay(P + 5, spec.demoPartial, 'partial', null);
				runOpen(P + 5, end, false);
			} else runOpen(P, end);
			if (stageIdx >= 1 && planOfferedAt === null) planOfferedAt = stageChangedAt;
		} else if (fate === 'none') {
			runOpen(P, Y);
			// legal handover: some claims go to court and are closed here
			if (stageIdx === 4) {
				const closeDay = sd[4] + rng.int(20, 40);
				if (closeDay <= Y && rng.chance(0.35)) {
					status = 'closed';
					closedAt = ts(closeDay, 10);
					closeRow(closedAt, 'closed');
				}
			}
		} else {
			runOpen(P, R - 1);
			switch (fate) {
				case 'pay_full': {
					const at = pay(R, balance, 'full', null);
					closeRow(at, 'paid');
					break;
				}
				case 'partial':
				case 'partial_full': {
					if (balance < 4 * unit * 100) {
						closeRow(pay(R, balance, 'full', null), 'paid');
						break;
					}
					pay(R, partialAmount(), 'partial', null);
					const R2 = R + rng.int(10, 60);
					if (R2 <= Y) {
						runOpen(R, R2 - 1, false);
						if (fate === 'partial_full') closeRow(pay(R2, balance, 'full', null), 'paid');
						else {
							pay(R2, partialAmount(), 'partial', null);
							runOpen(R2, Y, false);
						}
					} else runOpen(R, Y, false);
					break;
				}
				case 'promise': {
					const full = rng.chance(0.6) || balance < 40 * unit * 100;
					const amount = full ? balance : partialAmount();
					const promised = R + rng.int(3, Math.min(14, c.rules.promiseMaxDays));
					const made = windowTs(openDay(R) <= Y ? openDay(R) : R);
					contact(openDay(R), 'call', 'promise', 'promise');
					if (promised <= Y) {
						if (rng.chance(0.6)) {
							const payDay = Math.max(R, promised - rng.int(0, 2));
							runOpen(R, payDay - 1, false);
							const at = pay(payDay, amount, full ? 'full' : 'partial', null);
							promiseRows.push([claimId, debtorId, ds(promised), amount, 'kept', made, at]);
							if (status === 'paid') closeRow(at, 'paid');
							else runOpen(payDay, Y, false);
						} else {
							promiseRows.push([
								claimId,
								debtorId,
								ds(promised),
								amount,
								'broken',
								made,
								ts(promised + 1, 5)
							]);
							runOpen(R, Y, false);
						}
					} else {
						promiseRows.push([claimId, debtorId, ds(promised), amount, 'open', made, null]);
						runOpen(R, Y, false);
					}
					break;
				}
				case 'dispute': {
					const at = anyTs(R);
					const reason = rng.pick([
						'not_mine',
						'already_paid',
						'wrong_amount',
						'wrong_amount',
						'statute_barred',
						'other'
					] as const);
					status = 'disputed';
					closeRow(at, 'disputed');
					const A = R + rng.int(5, 28);
					if (A <= Y && rng.chance(0.7)) {
						const upheld = rng.chance(0.25);
						const answeredAt = ts(openDay(A) <= Y ? openDay(A) : A, 11, rng.int(0, 59));
						disputeRows.push([
							claimId,
							debtorId,
							reason,
							rng.pick(DISPUTE_DETAILS[reason]),
							upheld ? 'upheld' : 'rejected',
							ds(R + 30),
							upheld ? DISPUTE_ANSWERS.upheld : DISPUTE_ANSWERS.rejected,
							operatorId,
							answeredAt,
							at
						]);
						if (upheld) {
							// the creditor recalls the claim: written off, closed
							for (const comp of ORDER)
								if (bal[comp] > 0)
									ledger.push([
										claimId,
										comp,
										'write_off',
										-bal[comp],
										ds(A),
										null,
										'dispute upheld',
										answeredAt
									]);
							balance = 0;
							for (const comp of ORDER) bal[comp] = 0;
							status = 'closed';
							closedAt = answeredAt;
						} else {
							status = 'open';
							openRow(stageIdx, A, false, answeredAt);
							runOpen(A, Y);
						}
					} else {
						disputeRows.push([
							claimId,
							debtorId,
							reason,
							rng.pick(DISPUTE_DETAILS[reason]),
							'open',
							ds(R + 30),
							null,
							null,
							null,
							at
						]);
					}
					break;
				}
				case 'proposed':
				case 'plan': {
					const band = bandFor(c.rules, balance);
					if (!band.plansAllowed || band.maxInstallments < 2) {
						closeRow(pay(R, balance, 'full', null), 'paid');
						break;
					}
					const planId = nextPlanId++;
					const createdAt = anyTs(R);
					if (planOfferedAt === null) planOfferedAt = createdAt;
					const freq = rng.pick(c.rules.frequencies);
					const maxN = Math.max(
						2,
						Math.min(
							band.maxInstallments,
							12,
							Math.floor(balance / Math.max(band.minInstallmentMinor, unit))
						)
					);
					const n = rng.int(2, maxN);
					let down = 0;
					if (c.rules.minDownPaymentBp > 0 || rng.chance(0.3))
						down = roundUnit((balance * Math.max(c.rules.minDownPaymentBp, 1000)) / 10_000);
					const parts = splitEven(balance - down, n, unit);
					const firstDue = R + rng.int(5, Math.min(c.rules.latestFirstDueDays, 30));
					const dues: number[] = [];
					for (let i = 0; i < n; i++) {
						if (freq === 'weekly') dues.push(firstDue + 7 * i);
						else if (freq === 'biweekly') dues.push(firstDue + 14 * i);
						else dues.push(dayOf(addMonths(ds(firstDue), i)));
					}
					const total = balance;
					const rulesJson = JSON.stringify(c.rules);
					if (fate === 'proposed') {
						plansRows.push([
							planId,
							claimId,
							debtorId,
							'proposed',
							freq,
							down,
							n,
							ds(firstDue),
							total,
							cur,
							rulesJson,
							0,
							null,
							null,
							null,
							createdAt,
							null
						]);
						for (let i = 0; i < n; i++)
							instRows.push([planId, i + 1, ds(dues[i]), parts[i], 0, 'due', null, null]);
						runOpen(R, Y, false);
						break;
					}
					const auto = n <= band.autoApproveMaxInstallments && rng.chance(0.85);
					const D = auto ? R : R + rng.int(1, 3);
					if (D > Y) {
						plansRows.push([
							planId,
							claimId,
							debtorId,
							'proposed',
							freq,
							down,
							n,
							ds(firstDue),
							total,
							cur,
							rulesJson,
							0,
							null,
							null,
							null,
							createdAt,
							null
						]);
						for (let i = 0; i < n; i++)
							instRows.push([planId, i + 1, ds(dues[i]), parts[i], 0, 'due', null, null]);
						runOpen(R, Y, false);
						break;
					}
					if (D > R) runOpen(R, D - 1, false);
					const decidedAt = auto
						? createdAt
						: ts(openDay(D) <= Y ? openDay(D) : D, 10, rng.int(0, 59));
					status = 'in_plan';
					closeRow(decidedAt, 'in_plan');
					if (down > 0) pay(D, down, 'down_payment', planId, decidedAt + 10 * MIN);
					const behaviour = rng.next(); // < .65 punctual, < .85 sometimes late, else breaks
					const breakAt = behaviour >= 0.85 ? rng.int(0, n - 1) : -1;
					let planStatus: 'active' | 'completed' | 'broken' = 'active';
					let endedAt: number | null = null;
					let brokenDay = -1;
					for (let i = 0; i < n; i++) {
						const dueDay = dues[i];
						if (planStatus === 'broken') {
							instRows.push([planId, i + 1, ds(dueDay), parts[i], 0, 'missed', null, null]);
							continue;
						}
						if (i === breakAt) {
							const b = dueDay + c.rules.graceDays + 1;
							if (b <= Y) {
								planStatus = 'broken';
								brokenDay = b;
								endedAt = ts(b, 6, 5);
								instRows.push([planId, i + 1, ds(dueDay), parts[i], 0, 'missed', null, null]);
							} else {
								instRows.push([
									planId,
									i + 1,
									ds(dueDay),
									parts[i],
									0,
									dueDay < T ? 'late' : 'due',
									null,
									null
								]);
							}
							continue;
						}
						const late = behaviour >= 0.65 && rng.chance(0.4);
						const payDay = late
							? dueDay + rng.int(1, Math.max(1, c.rules.graceDays - 1))
							: Math.max(D, dueDay - rng.int(0, 4));
						// installment reminder a few days before it is due (the plan offers it by SMS)
						if (dueDay - 3 > D) contact(openDay(dueDay - 3), 'sms', 'installment_reminder');
						if (payDay <= Y) {
							const at = pay(payDay, parts[i], 'installment', planId);
							instRows.push([
								planId,
								i + 1,
								ds(dueDay),
								parts[i],
								parts[i],
								'paid',
								at,
								payDay <= dueDay ? 1 : 0
							]);
						} else {
							instRows.push([
								planId,
								i + 1,
								ds(dueDay),
								parts[i],
								0,
								dueDay < T ? 'late' : 'due',
								null,
								null
							]);
						}
					}
					if (balance === 0) {
						// paid off through the plan; the stage row stays closed as in_plan: that is how the stage ended
						planStatus = 'completed';
						endedAt = paidAt;
					}
					plansRows.push([
						planId,
						claimId,
						debtorId,
						planStatus,
						freq,
						down,
						n,
						ds(firstDue),
						total,
						cur,
						rulesJson,
						auto ? 1 : 0,
						auto ? null : operatorId,
						decidedAt,
						null,
						createdAt,
						endedAt
					]);
					if (planStatus === 'broken') {
						status = 'open';
						openRow(stageIdx, brokenDay, false);
						runOpen(brokenDay, Y);
					}
					break;
				}
			}
		}

		if (status !== 'paid' && status !== 'closed' && stageIdx >= 1 && planOfferedAt === null)
			planOfferedAt = stageChangedAt;
		const stage = STAGES[stageIdx];
		refSeq[spec.ci]++;
		const reference = `${c.refPrefix}-${ds(P).slice(0, 4)}-${String(refSeq[spec.ci]).padStart(7, '0')}`;
		const description =
			spec.description ??
			`${rng.pick(DESCRIPTIONS[c.sector])}${c.sector === 'utility' ? ` ${ds(due).slice(0, 7).replace('-', '/')}` : ''}`;
		st.claim.run(
			claimId,
			creditorIds[spec.ci],
			portfolios[spec.ci][spec.k].id,
			debtorId,
			reference,
			description,
			cur,
			ds(P),
			ds(due),
			stage,
			stageChangedAt,
			status,
			placed,
			balance,
			collected,
			planOfferedAt,
			paidAt,
			closedAt,
			placedAt
		);
		// the report rollups, exactly as the triggers would count these rows (see Rollups)
		const cid = creditorIds[spec.ci];
		const pid = portfolios[spec.ci][spec.k].id;
		const pm = ds(P).slice(0, 7);
		roll.add('report_claims', [cid, pid, pm, cur, status], [1, placed, collected, balance]);
		if (status === 'open' || status === 'in_plan' || status === 'disputed')
			roll.add('report_aging', [cid, pid, pm, cur, ds(due)], [1, balance]);
		for (const r of ledger)
			if (r[2] === 'payment' || r[2] === 'refund')
				roll.add(
					'report_collected',
					[cid, pid, pm, cur, String(r[4]).slice(0, 7)],
					[-(r[3] as number)]
				);
		for (const r of stageRows)
			roll.add('report_stage_outcomes', [cid, pid, pm, r[0], r[3] ?? 'open'], [1]);
		for (const r of plansRows) roll.add('report_plans', [cid, pid, pm, r[3]], [1]);
		for (const r of instRows)
			roll.add('report_installments', [cid, pid, pm, r[5], r[7] ?? -1], [1]);
		for (const r of contacts) {
			if (r[6] === 'blocked') continue;
			const occurred = r[10] as number;
			let followed = 0;
			for (const p of paymentsRows) {
				const done = p[11] as number;
				if (done >= occurred && done <= occurred + 14 * DAY_MS) {
					followed = 1;
					break;
				}
			}
			if (followed) roll.followed.push(r[0] as number);
			roll.add('report_contacts', [cid, pid, pm, r[3]], [1, followed]);
		}
		for (const r of plansRows) st.plan.run(...r);
		for (const r of paymentsRows) st.payment.run(...r);
		for (const r of ledger) big.ledger.run(...r);
		for (const r of instRows) st.installment.run(...r);
		for (const r of stageRows) big.stage.run(claimId, r[0], r[1], r[2], r[3]);
		for (const r of contacts) big.contact.run(...r);
		for (const r of promiseRows) st.promise.run(...r);
		for (const r of disputeRows) st.dispute.run(...r);
		if (status === 'paid')
			st.cert.run(
				claimId,
				`RZ-IG-${ds(paidDay).slice(0, 4)}-${String(claimId).padStart(8, '0')}`,
				paidAt! + MIN
			);
		if (spec.demo && (status !== 'open' || balance <= 0))
			throw new Error('demo claim must stay open');
	}

	// ---- amounts ---------------------------------------------------------------------------------
	const huf = (ft: number) => Math.round(ft) * 100;
	function charges(ci: number, currency: 'HUF' | 'EUR', company: boolean): Balances {
		const b = EMPTY_BAL();
		const sector = defs[ci].sector;
		if (currency === 'EUR') {
			b.principal = Math.round(rng.logNormal(180_000, 0.9, 15_000, 4_000_000));
			b.interest = Math.round(b.principal * (0.03 + rng.next() * 0.12));
			if (rng.chance(0.8)) b.fee = 1_500;
			if (company) b.cost = 4_000;
			return b;
		}
		if (sector === 'bank') {
			b.principal = huf(rng.logNormal(320_000, 0.95, 20_000, 9_000_000));
			b.interest = huf((b.principal / 100) * (0.04 + rng.next() * 0.14));
		} else if (sector === 'utility') {
			b.principal = huf(rng.logNormal(42_000, 0.8, 4_000, 900_000));
			if (rng.chance(0.7)) b.interest = huf((b.principal / 100) * (0.005 + rng.next() * 0.025));
		} else {
			b.principal = huf(rng.logNormal(26_000, 0.85, 3_000, 500_000));
			if (rng.chance(0.5)) b.interest = huf((b.principal / 100) * rng.next() * 0.02);
		}
		if (rng.chance(0.8)) b.fee = defs[ci].fee;
		if (company)
			b.cost = huf(15_000); // C14: EUR 40 lump sum, in forints
		else if (rng.chance(0.15)) b.cost = huf(1_200); // postage of a registered letter
		return b;
	}

	// ---- demo debtors first (ids 1..3), with claims that stay open and payable -------------------
	const demoDebtorIds: Record<string, number> = {};
	sql.pragma('foreign_keys = OFF');
	const rollups = suspendRollupTriggers(db, opts.migrationsFolder ?? migrationsFolder());
	const indexes = suspendIndexes(db, BULK_TABLES);
	sql.transaction(() => {
		for (const d of accounts.links) {
			const id = nextDebtorId++;
			demoDebtorIds[d.key] = id;
			if (d.kind === 'company') isCompany[id] = 1;
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
			makeClaim({
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
	const firstBulkDebtor = nextDebtorId;
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
			if (nextDebtorId > firstBulkDebtor + 20 && rng.chance(0.14)) {
				debtorId = firstBulkDebtor + Math.floor(rng.next() * (nextDebtorId - firstBulkDebtor));
			} else {
				debtorId = newDebtor(P, defs[ci].sector === 'bank' ? 0.05 : 0.12);
			}
			const currency = defs[ci].sector === 'bank' && rng.chance(0.08) ? 'EUR' : 'HUF';
			makeClaim({
				ci,
				k,
				debtorId,
				currency,
				charges: charges(ci, currency, isCompany[debtorId] === 1),
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
	rollups.restore(roll);
	progress(`  report rollups rebuilt (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

	const counts: Record<string, number> = {};
	for (const t of SEEDED_TABLES)
		counts[t] = (sql.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
	return { ms: performance.now() - started, counts, accounts, today };
}

/**
 * The report rollups (`report_*` tables, issue 6) as the triggers of the rollup migration would
 * build them row by row, counted in memory while the seed generates. Key columns, then the summed
 * columns, in the tables' column order. tests/integration/seed.test.ts proves them equal to the
 * migrations' own backfill statements, so a change to the rollup definitions fails that test.
 */
export class Rollups {
	static readonly COLUMNS: Record<string, { keys: string[]; sums: string[] }> = {
		report_claims: {
			keys: ['creditor_id', 'portfolio_id', 'placed_month', 'currency', 'status'],
			sums: ['claims', 'placed_minor', 'collected_minor', 'balance_minor']
		},
		report_aging: {
			keys: ['creditor_id', 'portfolio_id', 'placed_month', 'currency', 'due_date'],
			sums: ['claims', 'open_minor']
		},
		report_collected: {
			keys: ['creditor_id', 'portfolio_id', 'placed_month', 'currency', 'month'],
			sums: ['collected_minor']
		},
		report_stage_outcomes: {
			keys: ['creditor_id', 'portfolio_id', 'placed_month', 'stage', 'outcome'],
			sums: ['events']
		},
		report_plans: {
			keys: ['creditor_id', 'portfolio_id', 'placed_month', 'status'],
			sums: ['plans']
		},
		report_installments: {
			keys: ['creditor_id', 'portfolio_id', 'placed_month', 'status', 'on_time'],
			sums: ['installments']
		},
		report_contacts: {
			keys: ['creditor_id', 'portfolio_id', 'placed_month', 'channel'],
			sums: ['contacts', 'followed']
		}
	};
	readonly tables = new Map<string, Map<string, { key: unknown[]; sums: number[] }>>();
	/** contact ids followed by a payment of the claim within 14 days (report_contact_followed) */
	readonly followed: number[] = [];

	add(table: string, key: unknown[], sums: number[]): void {
		let t = this.tables.get(table);
		if (!t) this.tables.set(table, (t = new Map()));
		const k = key.join('\u0001');
		const row = t.get(k);
		if (!row) t.set(k, { key, sums: [...sums] });
		else for (let i = 0; i < sums.length; i++) row.sums[i] += sums[i];
	}

	/** Writes the rollups; tables it does not know are left to `unknown` (the SQL backfill). */
	write(db: DB, present: Set<string>): void {
		const sql = db.$client;
		for (const [table, cols] of Object.entries(Rollups.COLUMNS)) {
			if (!present.has(table)) continue;
			const names = [...cols.keys, ...cols.sums];
			const ins = sql.prepare(
				`INSERT INTO "${table}" (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`
			);
			for (const row of this.tables.get(table)?.values() ?? []) ins.run(...row.key, ...row.sums);
		}
		if (present.has('report_contact_followed')) {
			const ins = sql.prepare('INSERT INTO report_contact_followed (contact_id) VALUES (?)');
			for (const id of this.followed) ins.run(id);
		}
	}

	static known(table: string): boolean {
		return table in Rollups.COLUMNS || table === 'report_contact_followed';
	}
}

/** The migrations' backfill statements (`INSERT INTO report_... SELECT`), per report table the latest migration's, in file order. */
export function rollupBackfill(folder: string): { table: string; sql: string }[] {
	const migrations = readMigrationFiles({ migrationsFolder: folder });
	const fill = /^\s*(?:--[^\n]*\n\s*)*INSERT\s+INTO\s+(report_\w+)/i;
	const latest = new Map<string, number>();
	migrations.forEach((m, i) => {
		for (const stmt of m.sql) {
			const hit = fill.exec(stmt);
			if (hit) latest.set(hit[1], i);
		}
	});
	const out: { table: string; sql: string }[] = [];
	migrations.forEach((m, i) => {
		for (const stmt of m.sql) {
			const hit = fill.exec(stmt);
			if (hit && latest.get(hit[1]) === i) out.push({ table: hit[1], sql: stmt });
		}
	});
	return out;
}

/**
 * The rollup triggers fire per row; across ten million rows that was most of the seed's time. For
 * the bulk load the seed drops them, and `restore()` creates them again exactly as they were and
 * writes the rollups counted in memory (`Rollups`); a report table the seed does not know is
 * filled with its migration's backfill statement instead. Then the headline rollup is checked
 * against the claims.
 */
export function suspendRollupTriggers(db: DB, folder: string): { restore(roll: Rollups): void } {
	const sql = db.$client;
	const triggers = sql
		.prepare(
			`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'report\\_%' ESCAPE '\\' ORDER BY rowid`
		)
		.all() as { name: string; sql: string }[];
	for (const t of triggers) sql.exec(`DROP TRIGGER "${t.name}"`);
	return {
		restore(roll: Rollups) {
			const backfill = rollupBackfill(folder);
			const present = new Set(backfill.map((b) => b.table));
			const unknown = backfill.filter((b) => !Rollups.known(b.table));
			// statistics, so that any SQL backfill (and later queries) plan by claim, not by status
			sql.pragma('analysis_limit = 2000');
			sql.exec('ANALYZE');
			sql.transaction(() => {
				for (const table of present) sql.exec(`DELETE FROM "${table}"`);
				roll.write(db, present);
				for (const t of triggers) sql.exec(t.sql);
				for (const b of unknown) sql.exec(b.sql);
				if (present.has('report_claims')) {
					const a = sql
						.prepare(
							'SELECT count(*) AS n, coalesce(sum(balance_minor), 0) AS b, coalesce(sum(placed_minor), 0) AS p FROM claims'
						)
						.get() as { n: number; b: number; p: number };
					const r = sql
						.prepare(
							'SELECT coalesce(sum(claims), 0) AS n, coalesce(sum(balance_minor), 0) AS b, coalesce(sum(placed_minor), 0) AS p FROM report_claims'
						)
						.get() as { n: number; b: number; p: number };
					if (a.n !== r.n || a.b !== r.b || a.p !== r.p)
						throw new Error('seed: the report rollups do not match the claims');
				}
			})();
		}
	};
}

const BULK_TABLES = [
	'debtors',
	'claims',
	// filled by the claims trigger: in the seed each creditor supplied the debtor record as it is
	'claim_debtors',
	'claim_stage_events',
	'ledger_entries',
	'payments',
	'plans',
	'installments',
	'promises',
	'disputes',
	'contact_events'
];

/**
 * Secondary indexes of the bulk tables are dropped during the load and built again afterwards
 * from their own definitions (a sorted build beats millions of random B-tree inserts). Unique
 * indexes are checked when they are built, so a duplicate still fails the seed.
 */
export function suspendIndexes(db: DB, tables: string[]): { restore(): void } {
	const sql = db.$client;
	const list = tables.map((t) => `'${t}'`).join(', ');
	const indexes = sql
		.prepare(
			`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${list}) ORDER BY rowid`
		)
		.all() as { name: string; sql: string }[];
	for (const i of indexes) sql.exec(`DROP INDEX "${i.name}"`);
	return {
		restore() {
			sql.pragma('threads = 2'); // CREATE INDEX may sort with a helper thread
			sql.transaction(() => {
				for (const i of indexes) sql.exec(i.sql);
			})();
		}
	};
}
