/**
 * An operator's escalation from the case page (issue 18 item 2): the claim moves to the next stage
 * of its strategy version now, ahead of its day, under the same rules the engine keeps: never past
 * a stage, never while the claim is held, paid, closed, disputed or in a plan, and never to the
 * formal notice or beyond before a plan was offered (C9).
 */
import { needsPlanOffer } from './engine';
import { stopsOn, type Hold } from './holds';
import type { ClaimStatus, Stage } from './stages';
import { nextStage, type PathStage, type StrategyVersion } from './strategy';

export type EscalationRefusal = 'not_open' | 'on_hold' | 'last_stage' | 'c9_plan_offer_first';

export type Escalation = { ok: true; to: PathStage } | { ok: false; refusal: EscalationRefusal };

export interface EscalationFacts {
	status: ClaimStatus;
	stage: Stage;
	holds: readonly Hold[];
	planOffered: boolean;
	today: string;
}

export function escalation(f: EscalationFacts, v: StrategyVersion): Escalation {
	if (f.status !== 'open') return { ok: false, refusal: 'not_open' };
	if (stopsOn(f.holds, f.today).length > 0) return { ok: false, refusal: 'on_hold' };
	const next = nextStage(v, f.stage);
	if (!next) return { ok: false, refusal: 'last_stage' };
	if (needsPlanOffer(next.stage) && !f.planOffered)
		return { ok: false, refusal: 'c9_plan_offer_first' };
	return { ok: true, to: next.stage };
}
