import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireDebtor } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { claimDetail, recalledNote, stageLine } from '$lib/server/services/portal';
import { claimMessages } from '$lib/server/services/messages-of-claim';
import { cardForm } from './card-form';
import { idParam, orHttp, parseForm, readForm } from '$lib/server/http';
import { offerForDebtor } from '$lib/server/services/settlement-offers';
import { clock } from '$lib/server/clock';
import { translate } from '$lib/i18n';
import { formatMoney } from '$lib/domain/money';
import { formatDate } from '$lib/format';
import { fail } from '@sveltejs/kit';

export const load: PageServerLoad = ({ params, locals }) => {
	const actor = requireDebtor();
	const d = orHttp(() => claimDetail(getDb(), actor, idParam(params.id)));
	// what this page shows, and no more (the pay and promise pages show the minimum part and
	// the promise dates): every field sent is serialised into the page and parsed again.
	// One top-level key: SvelteKit merges each page's data into its layouts' with an object
	// spread, and V8 (Node 20) spends about a microsecond per top-level key on that merge.
	const { claim, stage, ledger, payments, certificate, promise, dispute, plan, pay, canDispute } =
		d;
	const o = d.offer;
	// the settlement offer's sentences are written here (no new texts for debtors' phones)
	const m = (minor: number) => formatMoney(minor, claim.currency, locals.lang);
	const words = o && {
		pay: m(o.payMinor),
		discount: m(o.discountMinor),
		total: m(o.totalMinor),
		deadline: formatDate(o.deadline, locals.lang),
		reference: claim.reference
	};
	const offer = o &&
		words && {
			payMinor: o.payMinor,
			title: translate(locals.lang, 'portal.offer.title'),
			text: translate(locals.lang, 'portal.offer.text', words),
			card: translate(locals.lang, 'portal.offer.card', words),
			transfer: translate(locals.lang, 'portal.offer.transfer', words)
		};
	// a plan waiting for a decision (the debtor's proposal, our counter-offer): the page says so
	// in place of the promise, and the next step in words that fit it (a proposal does not stop
	// the reminders; makePromise and requestHardship refuse meanwhile, plan-common.ts)
	const wait = plan?.status === 'proposed' || plan?.status === 'countered' ? plan.status : null;
	const line = stageLine(locals.lang, stage);
	const waiting = wait && {
		kind: wait,
		planId: plan!.id,
		next:
			line.next &&
			translate(locals.lang, `portal.planWait.next.${wait}`, {
				step: translate(locals.lang, `portal.step.${line.next.stage}`),
				date: line.next.date
			})
	};
	return {
		detail: {
			claim,
			// while a plan waits, its own sentence says the next step (not "if you ask for a plan")
			stage: waiting ? { ...line, next: null } : line,
			waiting,
			recalled: recalledNote(
				locals.lang,
				claim.status,
				claim.creditorName,
				dispute?.status === 'upheld'
			),
			ledger,
			payments,
			certificate,
			promise,
			dispute,
			plan,
			pay: pay && {
				fullMinor: pay.fullMinor,
				partialAllowed: pay.partialAllowed,
				// the link to the bank-transfer panel, worded here (not in the debtors' dictionary)
				transferLink: translate(locals.lang, 'portal.transfer.link')
			},
			canDispute,
			// the messages and letters sent about this claim, written out on the server
			messages: claimMessages(getDb(), actor, claim.id, locals.lang),
			offer
		}
	};
};

/** An amount in minor units, as the page showed it (digits only). */
const shownMinor = z
	.string()
	.regex(/^\d{1,15}$/, 'form.invalidAmount')
	.transform((s) => Number(s));
/** The full balance; the settlement offer's amount. */
const paySchema = z.object({ fullMinor: shownMinor });
const settleSchema = z.object({ payMinor: shownMinor });

export const actions: Actions = {
	/** The settlement offer, by card: the amount the page showed, checked against the offer now. */
	settle: async ({ request, params, locals, url }) => {
		const { actor, db, claimId, pay } = cardForm(params.id, { url, locals });
		const parsed = parseForm(await readForm(request), settleSchema);
		const offer = offerForDebtor(db, actor, claimId, clock().now());
		if (!parsed.ok || !offer || offer.payMinor !== parsed.data.payMinor)
			return fail(409, { offerProblem: translate(locals.lang, 'portal.offer.changed') });
		return pay(offer.payMinor, 'settlement');
	},
	/** The full balance, as the page showed it (a part is paid on the claim's pay page). */
	pay: async ({ request, params, locals, url }) => {
		const { pay } = cardForm(params.id, { url, locals });
		const parsed = parseForm(await readForm(request), paySchema);
		if (!parsed.ok) return parsed.failure;
		// the service checks it against the balance now (a stale page is told so)
		return pay(parsed.data.fullMinor, 'full');
	}
};
