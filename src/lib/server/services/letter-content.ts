/**
 * One printed letter at the moment its batch is made (letter-writing.ts makes the batch): whether
 * it may still go out today (C7: the claim still unpaid and not on hold; C8: letters not stopped;
 * the postal address not known to be wrong), and writing it — a fresh portal link minted for it,
 * its text rendered, the amount, deadline and payment QR fixed for letter_contents.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { addDays } from '$lib/domain/clock';
import { dateBeforeSuffix, formatDate } from '$lib/format';
import { stopsOn, suppressedOn, type Hold, type HoldEffect } from '$lib/domain/holds';
import { formatMoney, type Currency } from '$lib/domain/money';
import { NEXT_STEPS, render, type Lang } from '$lib/domain/messages';
import { nextStepFor } from '$lib/domain/next-step';
import { collectionIban, paymentQrPayload, type CollectionAccount } from '$lib/domain/payment-qr';
import type { DB } from '../db/client';
import {
	claims,
	contactPreferences,
	creditors,
	debtors,
	holds,
	letterContents,
	messages
} from '../db/schema';
import { mintAccessLink } from '../auth/links';
import { loadClaim } from './engine-facts';
import { versionBody } from './strategy-versions';
import { currentTemplate } from './templates';

/** Days a letter gives when the engine names no later step (e.g. the legal stage's notice). */
export const LETTER_DEADLINE_DAYS = 15;

export type LetterCancelReason = 'c7_paid' | 'c7_hold' | 'c8_opted_out' | 'postal_invalid';

// ------------------------------------------------------------------------------------------------
// The C7 / C8 re-check at batch time

function holdsOf(db: DB, claimId: number): Hold[] {
	return db
		.select()
		.from(holds)
		.where(eq(holds.claimId, claimId))
		.all()
		.map((h) => ({
			kind: h.kind,
			start: h.startDate,
			end: h.endDate,
			effect: JSON.parse(h.effectJson) as HoldEffect
		}));
}

type ClaimRow = typeof claims.$inferSelect;

/** Why this letter may not go out today, or null when it may. */
export function refusal(
	db: DB,
	claim: ClaimRow,
	debtorId: number,
	today: string
): LetterCancelReason | null {
	if (claim.status === 'paid' || claim.status === 'closed' || claim.balanceMinor <= 0)
		return 'c7_paid';
	if (claim.status !== 'open') return 'c7_hold'; // disputed, in a plan: held by its status
	const hs = holdsOf(db, claim.id);
	if (stopsOn(hs, today).length > 0 || suppressedOn(hs, today).has('letter')) return 'c7_hold';
	const prefs = db
		.select({ optOut: contactPreferences.optOutLetter, invalid: contactPreferences.postalInvalid })
		.from(contactPreferences)
		.where(eq(contactPreferences.debtorId, debtorId))
		.get();
	if (prefs?.optOut) return 'c8_opted_out';
	if (prefs?.invalid) return 'postal_invalid';
	return null;
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

export function writeLetter(
	db: DB,
	actor: Actor,
	m: typeof messages.$inferSelect,
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
	const { deadline, stepOn } = deadlineOf(db, claim.id, today);
	const link = mintAccessLink(db, actor, m.debtorId);
	const portalUrl = `${origin.replace(/\/$/, '')}${link.path}`;
	const currency = claim.currency as Currency;
	const amountMinor = claim.balanceMinor;
	const text = render(tpl, 'letter', {
		name: debtor.name,
		reference: claim.reference,
		creditor: creditor.name,
		amount: formatMoney(amountMinor, currency, lang),
		deadline: deadlineText(deadline, lang),
		nextStep: NEXT_STEPS[lang].legal_handover.replace('{date}', formatDate(stepOn, lang)),
		link: portalUrl
	});
	const qrPayload = paymentQrPayload(account, {
		currency,
		amountMinor,
		reference: claim.reference,
		validUntil: deadline
	});
	return {
		subject: text.subject ?? '',
		body: text.body,
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
