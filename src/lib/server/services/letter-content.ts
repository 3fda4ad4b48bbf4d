/**
 * One printed letter at the moment its batch is made (letter-writing.ts makes the batch): whether
 * it may still go out today (C7: a stage letter's claim still open, unpaid and not on hold; an
 * outbox notice's claim not disputed or under a stop-the-clock hold, as when it is sent, and the
 * instalment it asks for still unpaid; C8: letters not stopped; the postal address not known to
 * be wrong), and writing it — a fresh portal link minted for it, its text rendered, the amount,
 * deadline and payment QR fixed for letter_contents (a letter that asks for no payment keeps an
 * empty payment QR, and its PDF shows no transfer details: domain/letter-texts.ts `letterPayment`).
 */
import { and, asc, eq, lt } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { addDays } from '$lib/domain/clock';
import { dateBeforeSuffix, formatDate } from '$lib/format';
import { stopsOn, suppressedOn } from '$lib/domain/holds';
import { formatMoney, type Currency } from '$lib/domain/money';
import { claimStop as stopFor } from '$lib/domain/dispatch';
import { letterPayment } from '$lib/domain/letter-texts';
import { NEXT_STEPS, render, type Lang } from '$lib/domain/messages';
import { nextStepFor } from '$lib/domain/next-step';
import { collectionIban, paymentQrPayload, type CollectionAccount } from '$lib/domain/payment-qr';
import type { DB } from '../db/client';
import {
	claims,
	contactPreferences,
	creditors,
	debtors,
	disputeMessages,
	disputes,
	installments,
	letterContents,
	messages,
	outbox,
	plans
} from '../db/schema';
import { mintAccessLink } from '../auth/links';
import { loadClaim } from './engine-facts';
import { claimHolds } from './holds';
import { versionBody } from './strategy-versions';
import { currentTemplate } from './templates';
import { translate } from '$lib/i18n';

/** Days a letter gives when the engine names no later step (e.g. the legal stage's notice). */
export const LETTER_DEADLINE_DAYS = 15;

export type LetterCancelReason =
	'c7_paid' | 'c7_hold' | 'c8_opted_out' | 'postal_invalid' | 'plan_changed';

// ------------------------------------------------------------------------------------------------
// The C7 / C8 re-check at batch time

type ClaimRow = typeof claims.$inferSelect;
type MessageRow = typeof messages.$inferSelect;

/**
 * C7 for the claim, as at send time (domain/dispatch.ts `claimStop`, by the template whoever
 * queued it): a stage letter needs it open; an outbox notice, not disputed or stopped, and on a
 * paid claim only the settlement's own news. A hold that suppresses letters stops either.
 */
function claimStop(
	db: DB,
	claim: ClaimRow,
	m: MessageRow,
	today: string
): LetterCancelReason | null {
	const hs = claimHolds(db, claim.id);
	return (
		stopFor(m.templateKey, claim, stopsOn(hs, today)) ??
		(suppressedOn(hs, today).has('letter') ? 'c7_hold' : null)
	);
}

/** Why this letter may not go out today, or null when it may. */
export function refusal(
	db: DB,
	claim: ClaimRow,
	m: MessageRow,
	today: string
): LetterCancelReason | null {
	const stop = claimStop(db, claim, m, today);
	if (stop) return stop;
	const prefs = db
		.select({ optOut: contactPreferences.optOutLetter, invalid: contactPreferences.postalInvalid })
		.from(contactPreferences)
		.where(eq(contactPreferences.debtorId, m.debtorId))
		.get();
	if (prefs?.optOut) return 'c8_opted_out';
	if (prefs?.invalid) return 'postal_invalid';
	if (letterPayment(m.templateKey) === 'installment' && !installmentDue(db, m, claim.id))
		return 'plan_changed';
	return null;
}

/**
 * The instalment an instalment letter asks for: of the plan the notice named (else the claim's
 * active plan), the one it named by number (else the first), while the plan is active and the
 * instalment not paid in full. Null when there is none.
 */
function installmentDue(
	db: DB,
	m: MessageRow,
	claimId: number
): { amountMinor: number; dueDate: string } | null {
	let named: { planId?: number; seq?: number } = {};
	if (m.source === 'outbox' && m.sourceId != null) {
		const row = db
			.select({ params: outbox.paramsJson })
			.from(outbox)
			.where(eq(outbox.id, m.sourceId))
			.get();
		try {
			named = row ? (JSON.parse(row.params) as typeof named) : {};
		} catch {
			named = {};
		}
	}
	const inst = db
		.select({
			amountMinor: installments.amountMinor,
			paidMinor: installments.paidMinor,
			dueDate: installments.dueDate
		})
		.from(installments)
		.innerJoin(plans, eq(plans.id, installments.planId))
		.where(
			and(
				eq(plans.claimId, claimId),
				eq(plans.status, 'active'),
				typeof named.planId === 'number' ? eq(plans.id, named.planId) : undefined,
				typeof named.seq === 'number' ? eq(installments.seq, named.seq) : undefined,
				lt(installments.paidMinor, installments.amountMinor)
			)
		)
		.orderBy(asc(installments.seq))
		.limit(1)
		.get();
	return inst ? { amountMinor: inst.amountMinor - inst.paidMinor, dueDate: inst.dueDate } : null;
}

// ------------------------------------------------------------------------------------------------
// Writing one letter

/** The deadline the letter gives and the day of the next step it names (the engine's own date). */
function deadlineOf(db: DB, claimId: number, today: string): { deadline: string; stepOn: string } {
	const loaded = loadClaim(db, claimId);
	if (loaded?.versionId != null) {
		const next = nextStepFor(loaded.facts, versionBody(db, loaded.versionId), today).next;
		if (next && next.date > today) return { deadline: addDays(next.date, -1), stepOn: next.date };
	}
	const deadline = addDays(today, LETTER_DEADLINE_DAYS);
	return { deadline, stepOn: addDays(deadline, 1) };
}

/** '2026. december 7' for "…-ig" in Hungarian (the day's dot goes before a suffix); English as is. */
function deadlineText(date: string, lang: Lang): string {
	return dateBeforeSuffix(formatDate(date, lang), lang);
}

interface Written {
	subject: string;
	body: string;
	toAddress: string;
	templateVersionId: number | null;
	contents: typeof letterContents.$inferInsert;
}

/**
 * A dispute answer by post prints the answer itself (a debtor reached only by letter may never
 * open the portal): the operator's decision or reply the notice was queued for, named by its
 * outbox key (dispute-thread.ts notifyAnswered: `dispute_answered:<dispute>:answer|<reply id>`).
 */
function disputeAnswerText(db: DB, m: MessageRow): string | null {
	if (m.templateKey !== 'dispute_answered' || m.source !== 'outbox' || m.sourceId == null)
		return null;
	const key = db
		.select({ k: outbox.dedupeKey })
		.from(outbox)
		.where(eq(outbox.id, m.sourceId))
		.get()?.k;
	const [, disputeId, what] = /^dispute_answered:(\d+):(answer|\d+)$/.exec(key ?? '') ?? [];
	if (!disputeId) return null;
	const text =
		what === 'answer'
			? db
					.select({ t: disputes.answer })
					.from(disputes)
					.where(eq(disputes.id, Number(disputeId)))
					.get()?.t
			: db
					.select({ t: disputeMessages.body })
					.from(disputeMessages)
					.where(
						and(
							eq(disputeMessages.id, Number(what)),
							eq(disputeMessages.disputeId, Number(disputeId)),
							eq(disputeMessages.author, 'operator')
						)
					)
					.get()?.t;
	return text?.trim() || null;
}

export function writeLetter(
	db: DB,
	actor: Actor,
	m: MessageRow,
	claim: ClaimRow,
	today: string,
	origin: string,
	account: CollectionAccount
): Written | null {
	const lang = m.lang;
	// the newest edited version, else the built-in one (version 0)
	const tpl = currentTemplate(db, m.templateKey, 'letter', lang);
	if (!tpl) return null;
	const debtor = db.select().from(debtors).where(eq(debtors.id, m.debtorId)).get()!;
	const creditor = db
		.select({ name: creditors.name })
		.from(creditors)
		.where(eq(creditors.id, claim.creditorId))
		.get()!;
	const payment = letterPayment(m.templateKey);
	const balance = deadlineOf(db, claim.id, today);
	const inst = payment === 'installment' ? installmentDue(db, m, claim.id) : null;
	const deadline = inst?.dueDate ?? balance.deadline;
	const link = mintAccessLink(db, actor, m.debtorId);
	const portalUrl = `${origin.replace(/\/$/, '')}${link.path}`;
	const currency = claim.currency as Currency;
	const amountMinor = inst?.amountMinor ?? claim.balanceMinor;
	const text = render(tpl, 'letter', {
		name: debtor.name,
		reference: claim.reference,
		creditor: creditor.name,
		amount: formatMoney(amountMinor, currency, lang),
		deadline: deadlineText(deadline, lang),
		nextStep: NEXT_STEPS[lang].legal_handover.replace('{date}', formatDate(balance.stepOn, lang)),
		link: portalUrl
	});
	const answer = disputeAnswerText(db, m);
	const body = answer
		? `${text.body}\n\n${translate(lang, 'letters.pdf.disputeAnswer')}\n${answer}`
		: text.body;
	// no payment asked: no payment QR (the PDF then shows no transfer details)
	const qrPayload =
		payment === 'none'
			? ''
			: paymentQrPayload(account, {
					currency,
					amountMinor,
					reference: claim.reference,
					validUntil: deadline < today ? today : deadline
				});
	return {
		subject: text.subject ?? '',
		body,
		toAddress: [debtor.name, debtor.address, `${debtor.postalCode} ${debtor.city}`].join('\n'),
		templateVersionId: tpl.templateVersionId,
		contents: {
			messageId: m.id,
			letterDate: today,
			portalUrl,
			currency,
			amountMinor,
			deadline,
			accountName: account.name,
			iban: collectionIban(account, currency),
			bic: account.bic,
			qrPayload
		}
	};
}
