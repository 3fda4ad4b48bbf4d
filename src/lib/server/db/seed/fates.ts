/**
 * What happens to a claim after placement, by its fate: nothing (stages run on, some go to court),
 * paid in full or in parts, a promise kept or broken, a dispute upheld or rejected, a plan
 * proposed, kept, broken or completed. Drives the helpers of claim-story.ts.
 */
import { addMonths } from '../../../domain/clock';
import { bandFor } from '../../../domain/rules';
import { minDownPayment } from '../../../domain/plans';
import { hold, promiseHold } from '../../../domain/holds';
import { splitEven } from '../../../domain/money';
import { DISPUTE_DETAILS, DISPUTE_ANSWERS } from './data';
import { ORDER, type SeedContext } from './context';
import type { ClaimStory } from './claim-story';
import { MIN } from './calendar';

export function tellFate(ctx: SeedContext, story: ClaimStory): void {
	const { rng, operatorId } = ctx;
	const { Y, T, ds, ts, anyTs, windowTs, openDay, dayOf } = ctx.cal;
	const { spec, c, claimId, debtorId, cur, unit, P, bal, s, holds, rows } = story;
	const { contact, openRow, closeRow, runOpen, pay, partialAmount } = story;
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
			runOpen(P + 5, end);
		} else runOpen(P, end);
		if (s.stageIdx >= 1 && s.planOfferedAt === null) s.planOfferedAt = s.stageChangedAt;
	} else if (fate === 'none') {
		runOpen(P, Y);
		// legal handover: some claims go to court and are closed here
		if (s.stageIdx === 4) {
			const closeDay = s.legalDay + rng.int(20, 40);
			if (closeDay <= Y && rng.chance(0.35)) {
				s.status = 'closed';
				s.closedAt = ts(closeDay, 10);
				closeRow(s.closedAt, 'closed');
			}
		}
	} else {
		runOpen(P, R - 1);
		switch (fate) {
			case 'pay_full': {
				const at = pay(R, s.balance, 'full', null);
				closeRow(at, 'paid');
				break;
			}
			case 'partial':
			case 'partial_full': {
				if (s.balance < 4 * unit * 100) {
					closeRow(pay(R, s.balance, 'full', null), 'paid');
					break;
				}
				pay(R, partialAmount(), 'partial', null);
				const R2 = R + rng.int(10, 60);
				if (R2 <= Y) {
					runOpen(R, R2 - 1);
					if (fate === 'partial_full') closeRow(pay(R2, s.balance, 'full', null), 'paid');
					else {
						pay(R2, partialAmount(), 'partial', null);
						runOpen(R2, Y);
					}
				} else runOpen(R, Y);
				break;
			}
			case 'promise': {
				const full = rng.chance(0.6) || s.balance < 40 * unit * 100;
				const amount = full ? s.balance : partialAmount();
				const promised = R + rng.int(3, Math.min(14, c.rules.promiseMaxDays));
				const made = windowTs(openDay(R) <= Y ? openDay(R) : R);
				contact(openDay(R), 'call', 'promise', 'promise');
				if (promised <= Y) {
					if (rng.chance(0.6)) {
						const payDay = Math.max(R, promised - rng.int(0, 2));
						// a promise holds the claim until it is kept (holds.ts)
						if (payDay > R) holds.push(hold('promise', ds(R), ds(payDay)));
						runOpen(R, payDay - 1);
						const at = pay(payDay, amount, full ? 'full' : 'partial', null);
						rows.promises.push([claimId, debtorId, ds(promised), amount, 'kept', made, at]);
						if (s.status === 'paid') closeRow(at, 'paid');
						else runOpen(payDay, Y);
					} else {
						rows.promises.push([
							claimId,
							debtorId,
							ds(promised),
							amount,
							'broken',
							made,
							ts(promised + 1, 5)
						]);
						holds.push(promiseHold(ds(R), ds(promised), story.version.promiseGraceDays));
						runOpen(R, Y);
					}
				} else {
					rows.promises.push([claimId, debtorId, ds(promised), amount, 'open', made, null]);
					holds.push(promiseHold(ds(R), ds(promised), story.version.promiseGraceDays));
					runOpen(R, Y);
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
				s.status = 'disputed';
				closeRow(at, 'disputed');
				const A = R + rng.int(5, 28);
				if (A <= Y && rng.chance(0.7)) {
					const upheld = rng.chance(0.25);
					const answeredAt = ts(openDay(A) <= Y ? openDay(A) : A, 11, rng.int(0, 59));
					rows.disputes.push([
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
								rows.ledger.push([
									claimId,
									comp,
									'write_off',
									-bal[comp],
									ds(A),
									null,
									'dispute upheld',
									answeredAt
								]);
						s.balance = 0;
						for (const comp of ORDER) bal[comp] = 0;
						s.status = 'closed';
						s.closedAt = answeredAt;
					} else {
						s.status = 'open';
						openRow(s.stageIdx, A, false, answeredAt);
						runOpen(A, Y, 'dispute');
					}
				} else {
					rows.disputes.push([
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
				const band = bandFor(c.rules, s.balance);
				if (!band.plansAllowed || band.maxInstallments < 2) {
					closeRow(pay(R, s.balance, 'full', null), 'paid');
					break;
				}
				const planId = ctx.ids.plan++;
				const createdAt = anyTs(R);
				if (s.planOfferedAt === null) s.planOfferedAt = createdAt;
				const freq = rng.pick(c.rules.frequencies);
				const maxN = Math.max(
					2,
					Math.min(
						band.maxInstallments,
						12,
						Math.floor(s.balance / Math.max(band.minInstallmentMinor, unit))
					)
				);
				const n = rng.int(2, maxN);
				let down = 0;
				if (c.rules.minDownPaymentBp > 0 || rng.chance(0.3))
					// the rule's own rounding (up), so the proposal keeps the rule it is checked against
					down = minDownPayment(
						{ ...c.rules, minDownPaymentBp: Math.max(c.rules.minDownPaymentBp, 1000) },
						{ balanceMinor: s.balance, currency: cur }
					);
				const parts = splitEven(s.balance - down, n, unit);
				const firstDue = R + rng.int(5, Math.min(c.rules.latestFirstDueDays, 30));
				const dues: number[] = [];
				for (let i = 0; i < n; i++) {
					if (freq === 'weekly') dues.push(firstDue + 7 * i);
					else if (freq === 'biweekly') dues.push(firstDue + 14 * i);
					else dues.push(dayOf(addMonths(ds(firstDue), i)));
				}
				const total = s.balance;
				const rulesJson = JSON.stringify(c.rules);
				// the plan's row once its fate is known: status, auto-approved, decided by and at, ended at
				const planRow = (
					status: string,
					auto: 0 | 1,
					decidedBy: number | null,
					decidedAt: number | null,
					endedAt: number | null
				) =>
					rows.plans.push([
						planId,
						claimId,
						debtorId,
						status,
						freq,
						down,
						n,
						ds(firstDue),
						total,
						cur,
						rulesJson,
						auto,
						decidedBy,
						decidedAt,
						null,
						createdAt,
						endedAt
					]);
				// still waiting for an operator today: the proposal and its schedule, the claim runs on
				// a proposal is its terms: its instalments are written when it is approved (activate in
				// plan-lifecycle.ts), as for one a debtor sends from the portal
				const stillProposed = () => {
					planRow('proposed', 0, null, null, null);
					runOpen(R, Y);
				};
				if (fate === 'proposed') {
					stillProposed();
					break;
				}
				const auto = n <= band.autoApproveMaxInstallments && rng.chance(0.85);
				const D = auto ? R : R + rng.int(1, 3);
				if (D > Y) {
					stillProposed();
					break;
				}
				if (D > R) runOpen(R, D - 1);
				const decidedAt = auto
					? createdAt
					: ts(openDay(D) <= Y ? openDay(D) : D, 10, rng.int(0, 59));
				s.status = 'in_plan';
				closeRow(decidedAt, 'in_plan');
				if (down > 0) pay(D, down, 'down_payment', planId, decidedAt + 10 * MIN);
				const behaviour = rng.next(); // < .65 punctual, < .85 sometimes late, else breaks
				const breakAt = behaviour >= 0.85 ? rng.int(0, n - 1) : -1;
				let planStatus: 'active' | 'completed' | 'broken' = 'active';
				let endedAt: number | null = null;
				let brokenDay = -1;
				// an installment not paid (yet): late once its day has passed
				const unpaid = (i: number, dueDay: number) =>
					rows.installments.push([
						planId,
						i + 1,
						ds(dueDay),
						parts[i],
						0,
						dueDay < T ? 'late' : 'due',
						null,
						null
					]);
				for (let i = 0; i < n; i++) {
					const dueDay = dues[i];
					if (planStatus === 'broken') {
						rows.installments.push([planId, i + 1, ds(dueDay), parts[i], 0, 'missed', null, null]);
						continue;
					}
					if (i === breakAt) {
						const b = dueDay + c.rules.graceDays + 1;
						if (b <= Y) {
							planStatus = 'broken';
							brokenDay = b;
							endedAt = ts(b, 6, 5);
							rows.installments.push([
								planId,
								i + 1,
								ds(dueDay),
								parts[i],
								0,
								'missed',
								null,
								null
							]);
						} else {
							unpaid(i, dueDay);
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
						rows.installments.push([
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
						unpaid(i, dueDay);
					}
				}
				if (s.balance === 0) {
					// paid off through the plan; the stage row stays closed as in_plan: that is how the stage ended
					planStatus = 'completed';
					endedAt = s.paidAt;
				}
				planRow(planStatus, auto ? 1 : 0, auto ? null : operatorId, decidedAt, endedAt);
				if (planStatus === 'broken') {
					s.status = 'open';
					openRow(s.stageIdx, brokenDay, false);
					runOpen(brokenDay, Y);
				}
				break;
			}
		}
	}
}
