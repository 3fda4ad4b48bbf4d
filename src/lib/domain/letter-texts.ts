/**
 * Printed letters' texts and rules per template key (message-texts.ts holds the SMS and e-mail
 * texts and merges these in). A debtor with no e-mail or phone on file, or who chose letters, gets
 * by post every notice the others get by SMS or e-mail: the stage reminders, the plan's news, the
 * instalment reminders and the answer to a dispute. A letter is sealed and addressed, so it may
 * name the case, its creditor and the amount (C3 does not apply); C4 applies as everywhere.
 *
 * What each letter asks for (`letterPayment`): the stage letters and the notices that leave the
 * whole amount open carry the bank-transfer details with a payment QR for the balance; the
 * instalment letters for the instalment due ({amount} and {deadline} are the instalment's); the
 * others (an answer, an offer to accept on the portal, the settlement) ask for no payment and
 * carry none. Only the stage-3 notices name the next step, the handover with its date (C4: the real
 * next step); any other letter may not (while a plan runs or a request waits, that would mislead).
 *
 * Not by letter (`NOT_BY_LETTER`): the confirmation code for a new e-mail address or phone number
 * (it proves that address is the debtor's, so it can only go to it), and the stand-alone access
 * link (every letter already carries a fresh personal link and its QR code, minted when printed;
 * a link letter belongs to no claim, and the print batch, the debtor's copy and the contact record
 * are kept per claim). The dispatcher closes such a message as blocked with `no_template`.
 */
import type { Lang, MessageText } from './messages';

type ByLang = Record<Lang, MessageText>;

export const SIGN = { hu: 'Rendez ügyfélszolgálat', en: 'Rendez customer service' } as const;

/** The opening of a letter that states the amount outstanding. */
export const LETTER_HEAD = {
	hu: 'Tisztelt {name}!\n\nA(z) {creditor} megbízásából keressük Önt a(z) {reference} számú ügyben. A fennálló összeg: {amount}.',
	en: 'Dear {name},\n\nWe write on behalf of {creditor} about case {reference}. The amount outstanding is {amount}.'
} as const;
export const LETTER_PORTAL = {
	hu: 'Személyes oldalán ({link}) tételesen láthatja, mi mire vonatkozik, azonnal fizethet, részletfizetést kérhet, vagy kifogást emelhet, ha nem ért egyet. A levelen lévő QR-kóddal is megnyithatja.',
	en: 'On your personal page ({link}) you can see every item, pay at once, ask for an instalment plan, or tell us if you dispute the case. The QR code on this letter opens it too.'
} as const;

/** The opening of a notice about a plan or a dispute: the case, the amount only where it matters. */
const NOTICE_HEAD = {
	hu: 'Tisztelt {name}!\n\nA(z) {creditor} megbízásából írunk Önnek a(z) {reference} számú ügyben.',
	en: 'Dear {name},\n\nWe write on behalf of {creditor} about case {reference}.'
} as const;
const NOTICE_PORTAL = {
	hu: 'Személyes oldalát ezen a címen éri el: {link}. A levelen lévő QR-kóddal is megnyithatja.',
	en: 'Your personal page is at {link}. The QR code on this letter opens it too.'
} as const;
const TRANSFER = {
	hu: 'Az átutaláshoz szükséges adatokat és a fizetési QR-kódot a levél alján találja.',
	en: 'The details for a bank transfer and the payment QR code are at the foot of this letter.'
} as const;

/** A letter: its opening, the heading and text in each language, the portal, the signature. */
function letterOf(
	head: Record<Lang, string>,
	portal: Record<Lang, string>,
	hu: [string, string],
	en: [string, string]
): ByLang {
	const one = (lang: Lang, [subject, text]: [string, string]) => ({
		subject,
		body: `${head[lang]}\n\n${text}\n\n${portal[lang]}\n\n${SIGN[lang]}`
	});
	return { hu: one('hu', hu), en: one('en', en) };
}

/** A stage reminder by post: the amount outstanding, the request, the portal. */
const reminder = (hu: [string, string], en: [string, string]) =>
	letterOf(LETTER_HEAD, LETTER_PORTAL, hu, en);

/** An outbox notice by post: what happened and what the debtor can do, the portal. */
const notice = (hu: [string, string], en: [string, string]) =>
	letterOf(NOTICE_HEAD, NOTICE_PORTAL, hu, en);

/** The letters besides the stage-3 notices (formal.notice, legal.notice: message-texts.ts). */
export const LETTERS: Record<string, ByLang> = {
	// the engine's reminders, when a strategy puts a letter among a step's channels
	'friendly.reminder': reminder(
		[
			'Emlékeztető',
			'Bizonyára elkerülte a figyelmét, de ügye még rendezésre vár. Kérjük, rendezze a fenti összeget; ha egyszerre nem megy, részletekben is fizethet.'
		],
		[
			'A reminder',
			'You may have missed it, but your case is still waiting to be settled. Please settle the amount above; if paying at once is not possible, you can pay in instalments.'
		]
	),
	'friendly.followup': reminder(
		[
			'Emlékeztető: ügye még nyitott',
			'Korábban már írtunk Önnek; ügye még nyitott. Ha valami akadályozza a fizetést, részletfizetést is kérhet.'
		],
		[
			'Reminder: your case is still open',
			'We wrote to you earlier; your case is still open. If something stands in the way of paying, you can ask for an instalment plan.'
		]
	),
	'firm.reminder': reminder(
		[
			'Kérjük, jelezze, mikor tudja rendezni',
			'Korábban jeleztük, hogy ügye rendezésre vár, de választ még nem kaptunk. Kérjük, jelezze, mikor tudja rendezni, vagy mondja el, mi akadályozza: személyes oldalán fizetési ígéretet tehet vagy részletfizetést kérhet.'
		],
		[
			'Please tell us when you can settle',
			'We told you earlier that your case is waiting to be settled, but have not heard back. Please tell us when you can settle it, or what stands in the way: on your personal page you can promise a date or ask for an instalment plan.'
		]
	),
	'firm.followup': reminder(
		[
			'Egy dátumot kérünk Öntől',
			'Kérjük, adjon meg egy dátumot, amikor rendezni tudja ügyét. Ha most nem tud egyszerre fizetni, kérjen részletfizetést.'
		],
		[
			'Please give us a date',
			'Please give us a date when you can settle your case. If paying at once is not possible now, ask for an instalment plan.'
		]
	),
	// C9: the plan offer goes by post when there is no e-mail or phone
	'plan.offer': reminder(
		[
			'Részletfizetési lehetőség',
			'Tudjuk, hogy nem mindig lehet egyszerre fizetni. Ha most nem tudja a teljes összeget rendezni, személyes oldalán részletfizetést kérhet, és azonnal látja, milyen részletekre számíthat.'
		],
		[
			'You can pay in instalments',
			'We know paying at once is not always possible. If you cannot settle the whole amount now, you can ask for an instalment plan on your personal page and see at once what instalments to expect.'
		]
	),
	// the outbox's notices
	installment_reminder: notice(
		[
			'Emlékeztető a következő részletről',
			`Részletfizetési megállapodása szerint a következő, {amount} összegű részletet legkésőbb {deadline}-ig kérjük megfizetni. ${TRANSFER.hu} Személyes oldalán azonnal is befizetheti, és a többi részlet napját is láthatja.`
		],
		[
			'A reminder of your next instalment',
			`Under your instalment plan, please pay the next instalment of {amount} by {deadline}. ${TRANSFER.en} You can also pay it at once on your personal page, which shows the days of the other instalments too.`
		]
	),
	plan_active: notice(
		[
			'Részletfizetése elindult',
			`Tájékoztatjuk, hogy részletfizetési megállapodása létrejött, és elindult. Az első esedékes, {amount} összegű részletet legkésőbb {deadline}-ig kérjük megfizetni. ${TRANSFER.hu} A részletek napjait és befizetéseit személyes oldalán követheti.`
		],
		[
			'Your instalment plan has started',
			`We confirm that your instalment plan has been agreed and has started. Please pay the first instalment due, {amount}, by {deadline}. ${TRANSFER.en} Your personal page shows the days of the instalments and your payments.`
		]
	),
	plan_review: notice(
		[
			'Részletfizetési kérését megkaptuk',
			'Megkaptuk részletfizetési kérését, és hamarosan válaszolunk rá. Személyes oldalán addig is követheti, hol tart.'
		],
		[
			'We have received your request',
			'We have received your request for an instalment plan and will answer it soon. Meanwhile your personal page shows where it stands.'
		]
	),
	plan_rejected: notice(
		[
			'Válasz részletfizetési kérésére',
			`Részletfizetési kérését megvizsgáltuk, de a kért feltételekkel nem tudjuk elfogadni. Válaszunkat személyes oldalán olvashatja, és ott más feltételekkel újra kérhet részletfizetést. A fennálló összeg: {amount}. ${TRANSFER.hu}`
		],
		[
			'Our answer to your request',
			`We have considered your request for an instalment plan but cannot accept it on the terms asked. You can read our answer on your personal page and ask again there on other terms. The amount outstanding is {amount}. ${TRANSFER.en}`
		]
	),
	plan_countered: notice(
		[
			'Ajánlatunk részletfizetési kérésére',
			'Részletfizetési kérésére módosított feltételekkel ajánlatot tettünk. Az ajánlatot, a részletek összegével és napjaival, személyes oldalán nézheti meg, és ott el is fogadhatja.'
		],
		[
			'Our offer in answer to your request',
			'In answer to your request for an instalment plan, we have made you an offer on changed terms. Your personal page shows the offer, with the amounts and days of the instalments, and you can accept it there.'
		]
	),
	plan_lapsed: notice(
		[
			'Ajánlatunk lejárt',
			`Részletfizetési ajánlatunkra nem érkezett válasz, ezért az ajánlat lejárt. Személyes oldalán újra kérhet részletfizetést. A fennálló összeg: {amount}. ${TRANSFER.hu}`
		],
		[
			'Our offer has ended',
			`We did not hear back about our offer of an instalment plan, so the offer has ended. You can ask for an instalment plan again on your personal page. The amount outstanding is {amount}. ${TRANSFER.en}`
		]
	),
	plan_broken: notice(
		[
			'Részletfizetése megszakadt',
			`Tájékoztatjuk, hogy részletfizetési megállapodása megszakadt, mert egy részlet nem érkezett meg időben. A fennálló összeg: {amount}. Ha valami közbejött, kérjük, jelezze nekünk: személyes oldalán láthatja, hogyan rendezheti tovább ügyét. ${TRANSFER.hu}`
		],
		[
			'Your instalment plan has stopped',
			`We must tell you that your instalment plan has stopped, because an instalment did not arrive in time. The amount outstanding is {amount}. If something came up, please let us know: your personal page shows how you can go on settling your case. ${TRANSFER.en}`
		]
	),
	plan_completed: notice(
		[
			'Köszönjük, ügye rendeződött',
			'Köszönjük, az utolsó részlet is megérkezett, így ügye rendeződött. Az erről szóló igazolást személyes oldalán letöltheti.'
		],
		[
			'Thank you, your case is settled',
			'Thank you: the last instalment has arrived, so your case is settled. You can download the certificate of settlement on your personal page.'
		]
	),
	dispute_answered: notice(
		[
			'Válaszunk az Ön kifogására',
			'Válaszoltunk az ügyben beküldött kifogására, illetve üzenetére. Válaszunkat személyes oldalán olvashatja, és ott válaszolhat is rá.'
		],
		[
			'Our answer to your dispute',
			'We have answered the dispute you raised in this case, or the message you sent us about it. You can read our answer on your personal page and reply there.'
		]
	)
};

/**
 * Template keys never sent by post, each for its reason (see the top of this file); every other
 * key the code can queue has a letter text (tests/unit/letter-texts.test.ts).
 */
export const NOT_BY_LETTER = ['contact_code', 'access_link'] as const;

/** The letters that state the next step and its date: the stage-3 notices (C4). */
const STATE_NEXT_STEP = new Set(['formal.notice', 'legal.notice']);

/** Whether the letter of `key` must state the next step (true) or may not (false). */
export const letterStatesNextStep = (key: string) => STATE_NEXT_STEP.has(key);

/**
 * What a letter asks to be paid: the balance (with the deadline the engine gives), the instalment
 * due (its amount and day), or nothing (no transfer details, no payment QR).
 */
export type LetterPayment = 'balance' | 'installment' | 'none';

const PAYMENT: Record<string, LetterPayment> = {
	installment_reminder: 'installment',
	plan_active: 'installment',
	plan_review: 'none',
	plan_countered: 'none',
	plan_completed: 'none',
	dispute_answered: 'none'
};

export const letterPayment = (key: string): LetterPayment =>
	Object.hasOwn(PAYMENT, key) ? PAYMENT[key] : 'balance';
