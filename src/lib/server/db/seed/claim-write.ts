/**
 * Writing a told claim (claim-story.ts): the claim row and its children, the report rollups counted
 * as the triggers would, and the engine's state as the live engine would have left it.
 */
import { DAY_MS } from '../../../domain/clock';
import { hold } from '../../../domain/holds';
import { STAGES } from '../../../domain/stages';
import { TEMPLATES } from '../../../domain/message-texts';
import { DESCRIPTIONS } from './data';
import type { SeedContext } from './context';
import type { ClaimStory } from './claim-story';
import { MIN } from './calendar';

/** Writes the claim and its children, and counts them into the report rollups as the triggers would. */
export function writeClaim(ctx: SeedContext, story: ClaimStory): void {
	const { rng, creditorIds, portfolios, roll, refSeq } = ctx;
	const { ds } = ctx.cal;
	const { st, big } = ctx.w;
	const { spec, c, claimId, debtorId, cur, P, due, placedAt, placed, s, rows } = story;
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
	for (const r of rows.ledger)
		if (r[2] === 'payment' || r[2] === 'refund')
			roll.add(
				'report_collected',
				[cid, pid, pm, cur, String(r[4]).slice(0, 7)],
				[-(r[3] as number)]
			);
	for (const r of rows.stages)
		roll.add('report_stage_outcomes', [cid, pid, pm, r[0], r[3] ?? 'open'], [1]);
	for (const r of rows.plans) roll.add('report_plans', [cid, pid, pm, r[3]], [1]);
	for (const r of rows.installments)
		roll.add('report_installments', [cid, pid, pm, r[5], r[7] ?? -1], [1]);
	for (const r of rows.contacts) {
		if (r[6] === 'blocked') continue;
		const occurred = r[10] as number;
		let followed = 0;
		for (const p of rows.payments) {
			const done = p[11] as number;
			if (done >= occurred && done <= occurred + 14 * DAY_MS) {
				followed = 1;
				break;
			}
		}
		if (followed) roll.followed.push(r[0] as number);
		roll.add('report_contacts', [cid, pid, pm, r[3]], [1, followed]);
	}
	for (const r of rows.plans) st.plan.run(...r);
	for (const r of rows.payments) st.payment.run(...r);
	for (const r of rows.ledger) big.ledger.run(...r);
	for (const r of rows.installments) st.installment.run(...r);
	for (const r of rows.stages) big.stage.run(claimId, r[0], r[1], r[2], r[3]);
	for (const r of rows.contacts) big.contact.run(...r);
	// a demo debtor opens their claim page: the messages listed there are the contacts its story
	// line names (other debtors' history stays in contact_events only: millions of rows otherwise)
	if (spec.demo)
		for (const [id, , , channel, , , outcome, template, , , at] of rows.contacts) {
			if (channel !== 'sms' && channel !== 'email') continue;
			const subject =
				channel === 'email' ? (TEMPLATES[template as string]?.email?.hu.subject ?? null) : null;
			const settled = outcome === 'sent' ? null : at;
			st.message.run(
				debtorId,
				claimId,
				channel,
				template,
				`seed:contact:${id}`,
				subject,
				outcome,
				at,
				at,
				settled,
				at,
				at
			);
		}
	for (const r of rows.promises) st.promise.run(...r);
	for (const r of rows.disputes) st.dispute.run(...r);
	writeEngineState(ctx, story);
	if (s.status === 'paid')
		st.cert.run(
			claimId,
			`RZ-IG-${ds(s.paidDay).slice(0, 4)}-${String(claimId).padStart(8, '0')}`,
			s.paidAt! + MIN
		);
	if (spec.demo && (s.status !== 'open' || s.balance <= 0))
		throw new Error('demo claim must stay open');
}

/**
 * The engine's state as the live engine would have left it: the claim's version and stage day,
 * its holds (the days it was disputed or in a plan, and promises), the current stage's actions as
 * done (so the first live run does not plan them again), and the handover queue for the legal
 * stage (claims closed at court were handed over).
 */
function writeEngineState(ctx: SeedContext, story: ClaimStory): void {
	const { engine } = ctx.w;
	const { ds, ts } = ctx.cal;
	const { claimId, s, holds, actionRows, version, placedAt, spec } = story;
	engine.claim.run(claimId, version.strategyId, 0, s.stageEnteredOn, null, placedAt);
	if (s.status === 'in_plan' || s.status === 'disputed')
		holds.push(hold(s.status === 'in_plan' ? 'plan' : 'dispute', ds(s.openUntil + 1), null));
	for (const h of holds)
		engine.hold.run(claimId, h.kind, h.start, h.end, JSON.stringify(h.effect), placedAt);
	const worked = s.status === 'open' || s.status === 'in_plan' || s.status === 'disputed';
	if (worked)
		for (const [key, kind, stage, step, day, channels, template, why] of actionRows) {
			const at = ts(ctx.cal.dayOf(day as string), 6);
			engine.action.run(
				key,
				claimId,
				version.strategyId,
				kind,
				stage,
				step,
				day,
				channels,
				template,
				why,
				'done',
				at,
				at
			);
		}
	if (s.legalDay > 0 && s.status !== 'paid') {
		const queued = ts(s.legalDay, 6);
		if (s.status === 'closed')
			engine.handover.run(claimId, ctx.creditorIds[spec.ci], 'handed_over', queued, s.closedAt);
		else if (worked) engine.handover.run(claimId, ctx.creditorIds[spec.ci], 'queued', queued, null);
	}
}
