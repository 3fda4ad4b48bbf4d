/**
 * Installment plans: the debtor's proposal (auto-approved inside the creditor's limits, otherwise
 * sent for review), the operator's decision (approve, reject with a reason, counter), the debtor's
 * answer to a counter-offer, and what the living plan page and the operator queue show.
 *
 * A plan copies the rules in force when it was proposed (plans.rules_json): later rule changes
 * never touch it. Installment rows exist only for plans that started (active, then completed or
 * broken); a proposal's or counter-offer's schedule is laid out from its own fields.
 */
export {
	OPEN_PLAN_STATUSES,
	planContext,
	scheduleOf,
	type InstallmentRow,
	type PlanRow
} from './plan-common';
export * from './plan-debtor';
export * from './plan-operator';
export * from './plan-lifecycle';
export * from './plan-pdf';
