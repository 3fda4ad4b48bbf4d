/**
 * One claim's history, told as it would have happened: stages on their days with their contacts
 * (C1, C2, C8 respected), payments allocated as the services do, then the rows written and the
 * report rollups counted. `fates.ts` tells what happens to it (paid, plan, dispute, promise...).
 */
import { allocate } from '../../../domain/allocation';
import type { Balances } from '../../../domain/ledger';
import { DAY_MS } from '../../../domain/clock';
import { STAGES, type Channel, type Stage } from '../../../domain/stages';
import { DESCRIPTIONS } from './data';
import { CHANNEL_BIT, IDENTIFIED, ORDER, STAGE_KEYS, type SeedContext } from './context';
import { MIN } from './calendar';
import { tellFate } from './fates';

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
	const { Y, ds, ts, openDay, windowTs, anyTs } = ctx.cal;
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
		lastConversation: -1000
	};
	const placed = s.balance;

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
	for (let i = 1; i <= 4; i++)
		sd[i] = Math.max(sd[i - 1] + 1, due + c.strategy[STAGE_KEYS[i - 1]].afterDays);
	const identifiedDays: number[] = [];

	const contact = (d: number, channel: Channel, template: string, outcomeOverride?: string) => {
		if (d > Y) return;
		if (optOut[debtorId] & CHANNEL_BIT[channel]) return;
		if (IDENTIFIED[channel]) {
			// C2: at most 3 identified contacts in 7 days; no call within 7 days after a conversation
			let n = 0;
			for (const x of identifiedDays) if (x > d - 7) n++;
			if (n >= 3) return;
			if (channel === 'call' && d - s.lastConversation <= 7) return;
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
		contacts.push([
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
	};

	/** contacts of one stage visit from day e (inclusive) to x (exclusive) */
	const stageContacts = (e: number, x: number) => {
		if (s.stageIdx === 0) return;
		const key = STAGE_KEYS[s.stageIdx - 1];
		const chans = c.strategy[key].channels;
		const first = openDay(e);
		if (first >= x) return;
		const n = s.stageIdx === 4 || rng.chance(0.7) ? 1 : 2;
		const start = rng.int(0, chans.length - 1);
		for (let i = 0; i < n; i++) contact(first, chans[(start + i) % chans.length], key);
		if (s.stageIdx < 4 && x - e > 12 && rng.chance(0.5)) {
			const f = openDay(e + rng.int(8, 12));
			if (f < x) contact(f, rng.pick(chans), `${key}_followup`);
		}
	};

	const openRow = (stage: number, d: number, first: boolean, at = ts(d, 6, rng.int(0, 29))) => {
		s.stageIdx = stage;
		// back in the same stage (after a broken plan or a rejected dispute): its row is reopened,
		// one row per claim and stage as claim-state.ts keeps it
		const last = stageRows[stageRows.length - 1];
		if (last && last[0] === STAGES[stage]) {
			last[2] = null;
			last[3] = null;
		} else stageRows.push([STAGES[stage], at, null, null]);
		if (first) s.stageChangedAt = at;
		if (stage >= 1 && s.planOfferedAt === null) s.planOfferedAt = at; // C9: every reminder offers a plan
	};
	const closeRow = (at: number, outcome: string) => {
		const row = stageRows[stageRows.length - 1];
		row[2] = at;
		row[3] = outcome;
	};

	/**
	 * The claim is open from day `from` to day `end` (inclusive): stages advance on their days,
	 * each stage's contacts go out (`fresh` = false continues a stage whose reminders already
	 * went out). Leaves s.stageIdx at the stage reached.
	 */
	const runOpen = (from: number, end: number, fresh = true) => {
		let entered = from;
		let send = fresh;
		for (;;) {
			const nextS = s.stageIdx + 1;
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
		const pid = ctx.ids.payment++;
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
		sd,
		ledger,
		paymentsRows,
		stageRows,
		contacts,
		plansRows,
		instRows,
		promiseRows,
		disputeRows,
		contact,
		openRow,
		closeRow,
		runOpen,
		pay,
		roundUnit,
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

/** Writes the claim and its children, and counts them into the report rollups as the triggers would. */
function writeClaim(ctx: SeedContext, story: ClaimStory): void {
	const { rng, creditorIds, portfolios, roll, refSeq } = ctx;
	const { ds } = ctx.cal;
	const { st, big } = ctx.w;
	const {
		spec,
		c,
		claimId,
		debtorId,
		cur,
		P,
		due,
		placedAt,
		placed,
		s,
		ledger,
		paymentsRows,
		stageRows,
		contacts,
		plansRows,
		instRows,
		promiseRows,
		disputeRows
	} = story;
	if (s.status !== 'paid' && s.status !== 'closed' && s.stageIdx >= 1 && s.planOfferedAt === null)
		s.planOfferedAt = s.stageChangedAt;
	const stage = STAGES[s.stageIdx];
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
		s.stageChangedAt,
		s.status,
		placed,
		s.balance,
		s.collected,
		s.planOfferedAt,
		s.paidAt,
		s.closedAt,
		placedAt
	);
	// the report rollups, exactly as the triggers would count these rows (see Rollups)
	const cid = creditorIds[spec.ci];
	const pid = portfolios[spec.ci][spec.k].id;
	const pm = ds(P).slice(0, 7);
	roll.add('report_claims', [cid, pid, pm, cur, s.status], [1, placed, s.collected, s.balance]);
	if (s.status === 'open' || s.status === 'in_plan' || s.status === 'disputed')
		roll.add('report_aging', [cid, pid, pm, cur, ds(due)], [1, s.balance]);
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
	for (const r of instRows) roll.add('report_installments', [cid, pid, pm, r[5], r[7] ?? -1], [1]);
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
	if (s.status === 'paid')
		st.cert.run(
			claimId,
			`RZ-IG-${ds(s.paidDay).slice(0, 4)}-${String(claimId).padStart(8, '0')}`,
			s.paidAt! + MIN
		);
	if (spec.demo && (s.status !== 'open' || s.balance <= 0))
		throw new Error('demo claim must stay open');
}
