/**
 * The case page's codes in words: a timeline event's kind, status and reasons, who did it. A code
 * without a text of its own is shown with a fallback's words (never the code itself).
 */
import { t, hasMessage } from '$lib/i18n/t';
import type { MessageKey } from '$lib/i18n/core';
import type { TimelineEvent } from '$lib/domain/timeline';

/** a code in words: its key when there is one, else the fallback's (never the code itself) */
export const words = (key: string, fallback: MessageKey) =>
	hasMessage(key) ? t(key) : t(fallback);

/** an event's own text; a staff step's is the key of why a status changed (domain/status-why.ts) */
export const textOf = (e: TimelineEvent) =>
	e.kind === 'staff' && e.text ? words(e.text, 'casefile.status.other') : e.text;

/** a template key in words: the strategy's texts, the plan notices, an operator's visit */
const templateWords = (key: string) => {
	for (const k of [
		`strategy.template.${key}`,
		`ops.outbox.template.${key}`,
		`casefile.template.${key}`
	])
		if (hasMessage(k)) return t(k);
	return t('casefile.template.other');
};
const status = (code: string) => words(`casefile.status.${code}`, 'casefile.status.other');

/** How an event's amount and days are shown (the page's language and the claim's currency). */
export interface EventFormat {
	amount: (e: TimelineEvent) => string;
	day: (d: string) => string;
}

/** What happened, in one line. */
export function describe(e: TimelineEvent, { amount, day }: EventFormat): string {
	switch (e.kind) {
		case 'stage':
			return t('casefile.ev.stage', {
				stage: words(`creditor.stage.${e.what}`, 'casefile.action.other')
			});
		case 'message':
			return [
				e.channel ? words(`creditor.channel.${e.channel}`, 'casefile.kind.message') : '',
				e.template ? templateWords(e.template) : '',
				status(e.what)
			]
				.filter(Boolean)
				.join(' · ');
		case 'call':
		case 'visit':
			return [
				e.what === 'planned' ? t('casefile.status.scheduled') : status(e.what),
				e.reason ? words(`ops.tasks.refused.${e.reason}`, 'casefile.status.blocked') : ''
			]
				.filter(Boolean)
				.join(' · ');
		case 'payment':
			return [
				amount(e),
				words(`payments.gateway.${e.channel}`, 'casefile.kind.payment'),
				e.template ? words(`payments.purpose.${e.template}`, 'casefile.kind.payment') : '',
				words(`payments.status.${e.what}`, 'casefile.status.other')
			]
				.filter(Boolean)
				.join(' · ');
		case 'refund':
			return `${amount(e)} · ${words(`casefile.refund.${e.what}`, 'casefile.status.other')}`;
		case 'plan':
			return `${words(`casefile.plan.${e.what}`, 'casefile.status.other')} · ${t('casefile.ev.firstDue', { amount: amount(e), date: e.date ? day(e.date) : '' })}`;
		case 'installment':
			return `${amount(e)} · ${t('casefile.ev.due', { date: e.date ? day(e.date) : '' })} · ${words(`casefile.installment.${e.what}`, 'casefile.status.other')}`;
		case 'promise':
			return `${words(`casefile.promise.${e.what}`, 'casefile.status.other')} · ${t('casefile.ev.promisedFor', { amount: amount(e), date: e.date ? day(e.date) : '' })}`;
		case 'dispute':
			return e.what === 'opened'
				? [
						t('casefile.dispute.opened'),
						e.reason ? words(`portal.dispute.reason.${e.reason}`, 'casefile.status.other') : '',
						e.date ? t('casefile.ev.answerDue', { date: day(e.date) }) : ''
					]
						.filter(Boolean)
						.join(' · ')
				: [words(`casefile.dispute.${e.what}`, 'casefile.status.other'), amount(e)]
						.filter(Boolean)
						.join(' · ');
		case 'note':
			return t('casefile.kind.note');
		case 'staff':
			return words(`casefile.action.${e.what.replaceAll('.', '_')}`, 'casefile.action.other');
	}
}

/**
 * who did it: the staff member named (a plan they proposed: on the debtor's behalf), else the
 * debtor for what debtors do, else the system
 */
export const who = (e: TimelineEvent) => {
	if (e.by && e.kind === 'plan' && e.what === 'proposed')
		return t('casefile.ev.forDebtor', { name: e.by });
	if (e.by) return e.by;
	if (e.kind === 'staff' || e.kind === 'note') return '';
	const debtors =
		e.kind === 'payment' ||
		(e.kind === 'promise' && e.what === 'made') ||
		(e.kind === 'dispute' && e.what === 'opened') ||
		(e.kind === 'plan' && e.what === 'proposed');
	return t(debtors ? 'casefile.ev.debtor' : 'casefile.ev.system');
};
