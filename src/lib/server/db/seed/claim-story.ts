/**
 * One claim's history, told as it would have happened: the collection engine's own evaluator
 * (domain/engine.ts) run day by day over the claim's open days decides its stage moves and what
 * to do on which day, exactly as the daily run would have; the contacts it plans are made (C1, C2,
 * C8 respected); payments are allocated as the services do; then `claim-write.ts` writes the rows
 * and counts the report rollups. `fates.ts` tells what happens to it (paid, plan, dispute, promise...).
 * Days the claim was not open (a dispute, a plan) are stop-clock holds, as the live engine keeps them.
 */
import { allocate } from '../../../domain/allocation';
import type { Balances } from '../../../domain/ledger';
import { evaluateClaim, nextWakeDay, type ClaimFacts } from '../../../domain/engine';
import { hold, type Hold } from '../../../domain/holds';
import { REFERENCE_HUF_PER_EUR } from '../../../domain/rules';
import { isBusinessDay } from '../../../domain/holidays';
import { STAGES, type Channel, type Stage } from '../../../domain/stages';
import { CHANNEL_BIT, IDENTIFIED, ORDER, type SeedContext } from './context';
import { MIN } from './calendar';
import { tellFate } from './fates';
import { writeClaim } from './claim-write';

export type Fate =
	'none' | 'pay_full' | 'partial' | 'partial_full' | 'plan' | 'proposed' | 'dispute' | 'promise';
export interface ClaimSpec {
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

/** The claim's running state and the helpers that move it; `fates.ts` drives them. */
export function claimStory(ctx: SeedContext, spec: ClaimSpec) {
	const { rng, defs, portfolios, isCompany, optOut, operatorId } = ctx;
	const { Y, ds, ts, windowTs, anyTs } = ctx.cal;
	const c = defs[spec.ci];
	const claimId = ctx.ids.claim++;
	const debtorId = spec.debtorId;
	const cur = spec.currency;
	const unit = cur === 'HUF' ? 100 : 1;
	const P = portfolios[spec.ci][spec.k].day;
	const due = P - rng.int(3, 20);
	const placedAt = ts(P, 7, 0);
	const bal = { ...spec.charges };
	const s = {
		balance: bal.principal + bal.interest + bal.fee + bal.cost,
		collected: 0,
		status: 'open' as 'open' | 'in_plan' | 'disputed' | 'paid' | 'closed',
		paidAt: null as number | null,
		closedAt: null as number | null,
		planOfferedAt: null as number | null,
		paidDay: 0,
		stageIdx: 0,
		stageChangedAt: placedAt,
		lastConversation: -1000,
		/** the day the claim entered its stage (engine state), null while 'new' */
		stageEnteredOn: null as string | null,
		/** the last day the claim was open (days after it until it is open again were on hold) */
		openUntil: P - 1,
		/** the day it entered the legal stage (and the handover queue) */
		legalDay: 0
	};
	const version = ctx.versions[spec.ci];
	const holds: Hold[] = [];
	const plannedKeys = new Set<string>();
	/** the current stage's actions, written as done so the live engine does not plan them again */
	const actionRows: unknown[][] = [];
	const placed = s.balance;

	/** the claim's children, inserted after the claim row (the report triggers read the claim) */
	const rows = {
		ledger: [] as unknown[][],
		payments: [] as unknown[][],
		stages: [] as [Stage, number, number | null, string | null][],
		contacts: [] as unknown[][],
		plans: [] as unknown[][],
		installments: [] as unknown[][],
		promises: [] as unknown[][],
		disputes: [] as unknown[][]
	};
	for (const comp of ['principal', 'interest', 'fee', 'cost'] as const) {
		if (bal[comp] > 0)
			rows.ledger.push([
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
	const identifiedDays: number[] = [];

	const contact = (
		d: number,
		channel: Channel,
		template: string,
		outcomeOverride?: string
	): boolean => {
		if (d > Y) return false;
		if (optOut[debtorId] & CHANNEL_BIT[channel]) return false;
		if (IDENTIFIED[channel]) {
			// C2: at most 3 identified contacts in 7 days; no call within 7 days after a conversation
			let n = 0;
			for (const x of identifiedDays) if (x > d - 7) n++;
			if (n >= 3) return false;
			if (channel === 'call' && d - s.lastConversation <= 7) return false;
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
			if (outcome === 'conversation' || outcome === 'promise') s.lastConversation = d;
			if (channel === 'call' && outcome !== 'no_answer')
				rec = `rec/${ds(d).slice(0, 7)}/${claimId}-${rng.int(100000, 999999)}.ogg`;
		}
		rows.contacts.push([
			ctx.ids.contact++,
			claimId,
			debtorId,
			channel,
			STAGES[s.stageIdx],
			'outbound',
			outcome,
			template,
			rec,
			op,
			at
		]);
		return true;
	};

	const openRow = (stage: number, d: number, first: boolean, at = ts(d, 6, rng.int(0, 29))) => {
		s.stageIdx = stage;
		// back in the same stage (after a broken plan or a rejected dispute): its row is reopened,
		// one row per claim and stage as claim-state.ts keeps it
		const last = rows.stages[rows.stages.length - 1];
		if (last && last[0] === STAGES[stage]) {
			last[2] = null;
			last[3] = null;
		} else rows.stages.push([STAGES[stage], at, null, null]);
		if (first) s.stageChangedAt = at;
	};
	const closeRow = (at: number, outcome: string) => {
		const row = rows.stages[rows.stages.length - 1];
		row[2] = at;
		row[3] = outcome;
	};

	/** The facts the evaluator reads, as the live engine would load them (engine-facts.ts). */
	const facts = (): ClaimFacts => ({
		claimId,
		dueDate: ds(due),
		balanceMinor: s.balance,
		currency: cur,
		debtorKind: isCompany[debtorId] ? 'company' : 'person',
		status: 'open',
		stage: STAGES[s.stageIdx],
		stageEnteredOn: s.stageEnteredOn,
		holds,
		planOffered: s.planOfferedAt !== null,
		plannedKeys,
		cycle: 0,
		contractAllowsFees: false,
		// demo data: the reference rate, whatever the machine's configuration
		hufPerEur: REFERENCE_HUF_PER_EUR,
		lumpSumInCurrencyMinor: null,
		lumpSumCharged: false
	});

	/**
	 * The claim is open from day `from` to day `end` (inclusive): the engine's evaluator runs on
	 * each business day, as the daily run does; its stage moves are made and its contact actions
	 * carried out on the first channel that reaches the debtor. Days since the claim was last open
	 * were on hold (`heldAs`: a dispute or a plan), so they are not counted as active days.
	 */
	const runOpen = (from: number, end: number, heldAs: 'dispute' | 'plan' = 'plan') => {
		if (from > s.openUntil + 1) holds.push(hold(heldAs, ds(s.openUntil + 1), ds(from)));
		for (let d = from; d <= end; d++) {
			const day = ds(d);
			if (!isBusinessDay(day)) continue;
			const e = evaluateClaim(facts(), version, day);
			for (const t of e.transitions) {
				// the run's early-morning hour, but never before the stage row it closes began
				const at = Math.max(ts(d, 6, 0), rows.stages[rows.stages.length - 1][1] + MIN);
				closeRow(at, 'moved_on');
				openRow(STAGES.indexOf(t.to), d, true, at);
				s.stageEnteredOn = day;
				actionRows.length = 0;
				if (t.to === 'legal') s.legalDay = d;
			}
			for (const a of e.actions) {
				plannedKeys.add(a.key);
				actionRows.push([
					a.key,
					a.kind,
					a.stage,
					a.step,
					day,
					JSON.stringify(a.channels),
					a.template,
					JSON.stringify(a.why)
				]);
				if (a.kind !== 'contact') continue;
				const reached = a.channels.find((ch) => contact(d, ch, a.template ?? a.step));
				// C9: every written reminder links to the plan page
				if (reached && reached !== 'call' && reached !== 'visit' && s.planOfferedAt === null)
					s.planOfferedAt = windowTs(d);
			}
			// nothing changes until the next day the evaluator could act on (a tested property)
			const wake = nextWakeDay(facts(), version, day);
			if (wake === null) break;
			d = Math.max(d, ctx.cal.dayOf(wake) - 1);
		}
		s.openUntil = Math.max(s.openUntil, end);
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
		const pid = ctx.ids.payment++;
		const gateway = rng.chance(0.55) ? 'bank_transfer' : 'demo';
		const ref =
			gateway === 'bank_transfer'
				? `HUFT${ds(d).replace(/-/g, '')}${String(pid).padStart(9, '0')}`
				: `demo_seed_${pid}`;
		// a plan's payments settle its installments in full (plan_applied_minor, as reconciliation records it)
		rows.payments.push([
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
				rows.ledger.push([
					claimId,
					comp,
					'payment',
					-parts[comp],
					ds(d),
					pid,
					`payment ${pid}`,
					at
				]);
				bal[comp] -= parts[comp];
			}
		}
		s.balance -= amount;
		s.collected += amount;
		if (s.balance === 0) {
			s.status = 'paid';
			s.paidAt = at;
			s.paidDay = d;
		}
		return at;
	};
	const roundUnit = (x: number) => Math.max(unit, Math.round(x / unit) * unit);
	const partialAmount = () =>
		Math.min(s.balance - unit, roundUnit(s.balance * (0.1 + rng.next() * 0.4)));
	return {
		spec,
		c,
		claimId,
		debtorId,
		cur,
		unit,
		P,
		due,
		placedAt,
		placed,
		bal,
		s,
		holds,
		actionRows,
		version,
		rows,
		contact,
		openRow,
		closeRow,
		runOpen,
		pay,
		partialAmount
	};
}

export type ClaimStory = ReturnType<typeof claimStory>;

/** Generates one claim with its whole history and writes it. */
export function makeClaim(ctx: SeedContext, spec: ClaimSpec): void {
	const story = claimStory(ctx, spec);
	tellFate(ctx, story);
	writeClaim(ctx, story);
}
