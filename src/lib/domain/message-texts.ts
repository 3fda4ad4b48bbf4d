/**
 * The texts of the messages the engine plans (issue 17, item 2: templates as data), per template
 * key, channel and language, in the tone of the agency's own texts (shared/seeds): the first stage
 * assumes good faith, the second asks what stands in the way and for a date, the formal notice
 * states the real next step and its date, nothing more. The rules they keep (C3, C4, C8, the SMS
 * length) and the placeholders each channel may carry are in messages.ts, which serves them.
 *
 * Placeholders: {link} the portal link minted at send time; {unsubscribe} the e-mail's one-click
 * stop link; {code} a confirmation code (contact_code only, made at send time); letters also {name}, {reference}, {creditor}, {amount}, {deadline}, {nextStep}.
 * The letters other than the stage-3 notices, and which notices never go by post, are in
 * letter-texts.ts.
 */
import type { Lang, MessageChannel, MessageText } from './messages';
import { LETTER_HEAD, LETTER_PORTAL, LETTERS, SIGN } from './letter-texts';

type ByLang = Record<Lang, MessageText>;
type Template = Partial<Record<MessageChannel, ByLang>>;

const SMS_STOP = { hu: 'Leiratkozás: STOP', en: 'Reply STOP to opt out' } as const;
const EMAIL_STOP = {
	hu: 'Ha nem szeretne több e-mailt kapni tőlünk, kattintson ide: {unsubscribe}',
	en: 'If you no longer want e-mails from us, click here: {unsubscribe}'
} as const;

/** An SMS and an e-mail with the same neutral request. */
function neutral(hu: [string, string, string], en: [string, string, string]): Template {
	return {
		sms: {
			hu: { body: `Rendez: ${hu[0]} {link} ${SMS_STOP.hu}` },
			en: { body: `Rendez: ${en[0]} {link} ${SMS_STOP.en}` }
		},
		email: {
			hu: {
				subject: hu[1],
				body: `Tisztelt Ügyfelünk!\n\n${hu[2]}\n\n{link}\n\n${SIGN.hu}\n\n${EMAIL_STOP.hu}`
			},
			en: {
				subject: en[1],
				body: `Dear Customer,\n\n${en[2]}\n\n{link}\n\n${SIGN.en}\n\n${EMAIL_STOP.en}`
			}
		}
	};
}

/** A letter: sealed and addressed to the debtor, so it names the claim, its creditor and amount. */
function letter(hu: MessageText, en: MessageText): Template {
	return { letter: { hu, en } };
}

const BY_CHANNEL: Record<string, Template> = {
	'friendly.reminder': neutral(
		[
			'Egy ügye vár Önre, kérjük, nézze meg:',
			'Egy ügye vár Önre',
			'Bizonyára elkerülte a figyelmét, de egy ügye rendezésre vár. Személyes oldalán mindent megtalál, és néhány perc alatt elintézheti, akár részletekben is:'
		],
		[
			'You may have missed something that needs your attention:',
			'Something is waiting for you',
			'You may have missed it, but a matter is waiting for you. Your personal page has everything, and you can settle it in a few minutes, in instalments too:'
		]
	),
	'friendly.followup': neutral(
		[
			'Ügye még nyitott, itt rendezheti:',
			'Emlékeztető: ügye még nyitott',
			'Korábban írtunk Önnek; ügye még nyitott. Ha valami akadályozza, személyes oldalán részletfizetést is kérhet:'
		],
		[
			'A reminder that your matter is still open. Settle it here:',
			'Reminder: your matter is still open',
			'We wrote to you earlier; your matter is still open. If something stands in the way, you can ask for instalments on your personal page:'
		]
	),
	'firm.reminder': neutral(
		[
			'Kérjük, jelezze, mikor rendezi ügyét:',
			'Kérjük, jelezze, mikor tudja rendezni',
			'Korábban jeleztük, hogy ügye rendezésre vár, de választ még nem kaptunk. Kérjük, jelezze, mikor tudja rendezni, vagy mondja el, mi akadályozza – személyes oldalán fizetési ígéretet tehet vagy részletfizetést kérhet:'
		],
		[
			'We have not heard from you. Tell us when you can settle:',
			'Please tell us when you can settle',
			'We told you earlier that a matter is waiting for you, but have not heard back. Please tell us when you can settle it, or what stands in the way: on your personal page you can promise a date or ask for instalments:'
		]
	),
	'firm.followup': neutral(
		[
			'Kérjük, adjon meg egy dátumot itt:',
			'Egy dátumot kérünk Öntől',
			'Kérjük, adjon meg egy dátumot, amikor rendezni tudja ügyét. Ha most nem megy egyszerre, kérjen részletfizetést személyes oldalán:'
		],
		[
			'Please give us a date when you can settle:',
			'Please give us a date',
			'Please give us a date when you can settle your matter. If paying at once is not possible now, ask for instalments on your personal page:'
		]
	),
	'plan.offer': neutral(
		[
			'Részletekben is rendezheti ügyét:',
			'Részletfizetési lehetőség',
			'Tudjuk, hogy nem mindig lehet egyszerre fizetni. Személyes oldalán részletfizetést kérhet, és azonnal látja, mire számíthat:'
		],
		[
			'You can settle in instalments. Our offer is here:',
			'You can pay in instalments',
			'We know paying at once is not always possible. On your personal page you can ask for instalments and see at once what to expect:'
		]
	),
	// the debtor's portal (issue 19): told that an answer waits, never what it says (C3)
	dispute_answered: neutral(
		[
			'Válaszoltunk Önnek, itt olvashatja:',
			'Válaszunk megérkezett',
			'Válaszoltunk az Ön által beküldött üzenetre. A választ személyes oldalán olvashatja, és ott válaszolhat is rá:'
		],
		[
			'We have answered you. Read it here:',
			'Our answer is waiting for you',
			'We have answered the message you sent us. You can read the answer on your personal page, and reply there:'
		]
	),
	// a new e-mail address or phone number is confirmed by a code sent to it (issue 19, item 8)
	contact_code: neutral(
		[
			'megerősítő kód: {code} (ne adja tovább)',
			'Megerősítő kód',
			'Ezt a címet adta meg új elérhetőségként. A megerősítéshez írja be ezt a kódot személyes oldalán: {code}\n\nHa nem Ön kérte, hagyja figyelmen kívül ezt az üzenetet, és ne adja tovább a kódot. Személyes oldala:'
		],
		[
			'your confirmation code: {code} (do not share it)',
			'Your confirmation code',
			'This address was given to us as your new contact. To confirm it, type this code on your personal page: {code}\n\nIf you did not ask for this, ignore this message and do not share the code. Your personal page:'
		]
	),
	'formal.notice': letter(
		{
			subject: 'Hivatalos felszólítás',
			body: `${LETTER_HEAD.hu}\n\nKérjük, hogy az összeget legkésőbb {deadline}-ig fizesse meg, vagy ugyanezen napig állapodjon meg velünk részletfizetésről. Ha addig nem rendeződik, {nextStep}.\n\n${LETTER_PORTAL.hu}\n\n${SIGN.hu}`
		},
		{
			subject: 'Formal notice',
			body: `${LETTER_HEAD.en}\n\nPlease pay the amount by {deadline}, or agree an instalment plan with us by that day. If it is not settled by then, {nextStep}.\n\n${LETTER_PORTAL.en}\n\n${SIGN.en}`
		}
	),
	'legal.notice': letter(
		{
			subject: 'Értesítés az ügy átadásáról',
			body: `${LETTER_HEAD.hu}\n\nMivel ügye nem rendeződött, {nextStep}. Addig még rendezheti vagy részletfizetést kérhet.\n\n${LETTER_PORTAL.hu}\n\n${SIGN.hu}`
		},
		{
			subject: 'Notice of the handover of your case',
			body: `${LETTER_HEAD.en}\n\nAs your case has not been settled, {nextStep}. Until then you can still settle it or ask for instalments.\n\n${LETTER_PORTAL.en}\n\n${SIGN.en}`
		}
	),
	// the outbox's notices (instalment reminders, the plan's news) and the fresh link a debtor asks for
	installment_reminder: neutral(
		[
			'Közeleg a következő részlet, itt láthatja:',
			'Emlékeztető a következő részletről',
			'Közeleg a következő részlet napja. Személyes oldalán megnézheti, és rögtön be is fizetheti:'
		],
		[
			'Your next instalment is coming up. See it here:',
			'A reminder of your next instalment',
			'Your next instalment is coming up. Your personal page shows its day, and you can pay it there at once:'
		]
	),
	plan_active: neutral(
		[
			'Részletfizetése elindult, itt láthatja:',
			'Részletfizetése elindult',
			'Részletfizetése elindult. A részletek napjait és a befizetéseket személyes oldalán követheti:'
		],
		[
			'Your instalment plan has started. See it here:',
			'Your instalment plan has started',
			'Your instalment plan has started. Your personal page shows the days of the instalments and your payments:'
		]
	),
	plan_review: neutral(
		[
			'Kérését megkaptuk, hamarosan válaszolunk:',
			'Kérését megkaptuk',
			'Megkaptuk részletfizetési kérését, és hamarosan válaszolunk. Személyes oldalán követheti, hol tart:'
		],
		[
			'We have your request and will answer soon:',
			'We have your request',
			'We have your request for instalments and will answer soon. Your personal page shows where it stands:'
		]
	),
	plan_rejected: neutral(
		[
			'Válaszoltunk kérésére, itt olvashatja:',
			'Válaszoltunk kérésére',
			'Válaszoltunk részletfizetési kérésére. Személyes oldalán elolvashatja, és más feltételekkel újra kérheti:'
		],
		[
			'We have answered your request. Read it here:',
			'We have answered your request',
			'We have answered your request for instalments. Your personal page has our answer, and you can ask again on other terms:'
		]
	),
	plan_countered: neutral(
		[
			'Ajánlatot küldtünk Önnek, itt nézheti meg:',
			'Ajánlatot küldtünk Önnek',
			'Kérésére ajánlatot küldtünk. Személyes oldalán megnézheti, és egy kattintással elfogadhatja:'
		],
		[
			'We have sent you an offer. See it here:',
			'We have sent you an offer',
			'We have sent you an offer in answer to your request. Your personal page shows it, and you can accept it with one click:'
		]
	),
	plan_lapsed: neutral(
		[
			'Ajánlatunk már nem él, itt kérhet újat:',
			'Ajánlatunk már nem él',
			'Ajánlatunkra nem érkezett válasz, ezért már nem él. Személyes oldalán újra kérhet részletfizetést:'
		],
		[
			'Our offer has ended. Ask for a new one here:',
			'Our offer has ended',
			'We did not hear back about our offer, so it has ended. On your personal page you can ask for instalments again:'
		]
	),
	plan_broken: neutral(
		[
			'Részletfizetése megszakadt, itt rendezheti:',
			'Részletfizetése megszakadt',
			'Részletfizetése megszakadt. Ha valami közbejött, személyes oldalán megnézheti, hogyan tovább:'
		],
		[
			'Your instalment plan has stopped. See here:',
			'Your instalment plan has stopped',
			'Your instalment plan has stopped. If something came up, your personal page shows how to go on:'
		]
	),
	plan_completed: neutral(
		[
			'Köszönjük, ügye rendeződött. Részletek itt:',
			'Köszönjük, ügye rendeződött',
			'Köszönjük, ügye rendeződött. Személyes oldalán letöltheti az igazolást:'
		],
		[
			'Thank you, your matter is settled. Details here:',
			'Thank you, your matter is settled',
			'Thank you, your matter is settled. You can download the confirmation on your personal page:'
		]
	),
	access_link: neutral(
		[
			'Az Ön által kért új személyes link:',
			'Az Ön által kért új link',
			'Ahogy kérte, küldjük új személyes linkjét. Ha nem Ön kérte, nincs teendője:'
		],
		[
			'The new personal link you asked for:',
			'The new link you asked for',
			'As you asked, here is your new personal link. If you did not ask for it, there is nothing to do:'
		]
	)
};

/** Every template: the SMS and e-mail texts above, each key's letter (letter-texts.ts) beside them. */
export const TEMPLATES: Record<string, Template> = { ...BY_CHANNEL };
for (const [key, byLang] of Object.entries(LETTERS))
	TEMPLATES[key] = { ...TEMPLATES[key], letter: byLang };
