/** The three demo creditors (strategies, rules, twelve monthly portfolios each) and the staff accounts. */
import type { Database } from 'better-sqlite3';
import { addMonths } from '../../../domain/clock';
import { defaultContactLimits, defaultStrategy, type Strategy } from '../../../domain/stages';
import { defaultStrategyVersion, type StrategyVersion } from '../../../domain/strategy';
import { defaultRules, type BalanceBand, type CreditorRules } from '../../../domain/rules';
import { taxNumber } from './data';
import type { DemoAccounts, DemoCreditorKey } from './demo-accounts';
import type { Calendar } from './calendar';

type Sector = 'bank' | 'utility' | 'telecom';

export interface CreditorDef {
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
	/** the agency's commission by contract, basis points (a statement without one reads 0) */
	commissionBp: number;
}

/** No plans up to a balance (one payment), then the bands of plans above it. */
function payOnceUpTo(
	upToMinor: number,
	...plans: Omit<BalanceBand, 'plansAllowed'>[]
): BalanceBand[] {
	return [
		{
			upToMinor,
			plansAllowed: false,
			maxInstallments: 1,
			minInstallmentMinor: 0,
			minInstallmentShareBp: 0,
			autoApproveMaxInstallments: 0
		},
		...plans.map(({ upToMinor, ...band }) => ({ upToMinor, plansAllowed: true, ...band }))
	];
}

export function creditorDefs(): CreditorDef[] {
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
	bankRules.bands = payOnceUpTo(
		5_000_000,
		{
			upToMinor: 50_000_000,
			maxInstallments: 6,
			minInstallmentMinor: 1_500_000,
			minInstallmentShareBp: 0,
			autoApproveMaxInstallments: 4
		},
		{
			upToMinor: null,
			maxInstallments: 24,
			minInstallmentMinor: 2_500_000,
			minInstallmentShareBp: 400,
			autoApproveMaxInstallments: 12
		}
	);
	bankRules.minDownPaymentBp = 1000;
	bankRules.maxPlanDays = 730;
	const utilityRules = defaultRules();
	utilityRules.bands = payOnceUpTo(3_000_000, {
		upToMinor: null,
		maxInstallments: 6,
		minInstallmentMinor: 1_000_000,
		minInstallmentShareBp: 0,
		autoApproveMaxInstallments: 4
	});
	utilityRules.frequencies = ['biweekly', 'monthly'];
	utilityRules.maxPlanDays = 180;
	utilityRules.graceDays = 10;
	utilityRules.minPartialPaymentMinor = 300_000;
	const telecomRules = defaultRules();
	telecomRules.bands = payOnceUpTo(4_000_000, {
		upToMinor: null,
		maxInstallments: 4,
		minInstallmentMinor: 1_000_000,
		minInstallmentShareBp: 0,
		autoApproveMaxInstallments: 3
	});
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
			fee: 490_000,
			commissionBp: 1500
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
			fee: 290_000,
			commissionBp: 1200
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
			fee: 350_000,
			commissionBp: 1800
		}
	];
}

export function seedCreditors(
	sql: Database,
	cal: Calendar,
	today: string,
	defs: CreditorDef[],
	accounts: DemoAccounts,
	hashes: string[]
) {
	const { dayOf, T, Y, ds, ts, setupAt } = cal;
	const creditorIds: number[] = [];
	/** portfolios[c][k] = { id, day } for k months back (0 = newest) */
	const portfolios: { id: number; day: number }[][] = [];
	const staffIds: Record<string, number> = {};
	/** each creditor's strategy version 1, as services/strategy-versions.ts reads it back */
	const versions: StrategyVersion[] = [];
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
		const insVersion = sql.prepare(
			'INSERT INTO strategy_versions (creditor_id, portfolio_id, version, body_json, label, created_at) VALUES (?, NULL, 1, ?, ?, ?)'
		);
		const insCommission = sql.prepare(
			'INSERT INTO commission_terms (creditor_id, portfolio_id, stage, rate_bp, valid_from, created_at) VALUES (?, NULL, NULL, ?, ?, ?)'
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
			const body = versionFor(c.strategy);
			const versionId = Number(insVersion.run(id, JSON.stringify(body), '', since).lastInsertRowid);
			versions.push({ ...body, strategyId: versionId, version: 1 });
			insRules.run(id, JSON.stringify(c.rules), since);
			insCommission.run(id, c.commissionBp, ds(T - 400), since);
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
		// each demo creditor user is its organisation's administrator (API keys, webhooks)
		const creditorAdmin = sql.prepare(
			`UPDATE staff_users SET creditor_admin = 1 WHERE role = 'creditor' AND creditor_id IS NOT NULL`
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
		creditorAdmin.run();
		sql
			.prepare(
				`INSERT INTO field_regions (agent_id, postal_from, postal_to, created_at) VALUES (?, ?, ?, ?)`
			)
			.run(
				staffIds[accounts.fieldAgent.email],
				accounts.fieldRegion.from,
				accounts.fieldRegion.to,
				setupAt
			);
	})();
	const operatorId = staffIds[accounts.operator.email];
	return { creditorIds, portfolios, operatorId, versions };
}

/** The agency's default steps on the creditor's stage days: the version its claims run under. */
export function versionFor(strategy: Strategy): StrategyVersion {
	const v = defaultStrategyVersion();
	return {
		...v,
		stages: v.stages.map((st) => ({ ...st, startDay: strategy[st.stage].afterDays }))
	};
}
