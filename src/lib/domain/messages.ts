/**
 * The texts of the messages the engine plans (issue 17, item 2: templates as data), per template
 * key, channel and language, in the tone of the agency's own texts (shared/seeds): the first stage
 * assumes good faith, the second asks what stands in the way and for a date, the formal notice
 * states the real next step and its date, nothing more.
 *
 * The rules these texts keep, each tested over every template (tests/unit/messages.test.ts):
 * - C3: an SMS or an e-mail may be read by someone else, so it never names the debt, an amount or
 *   the creditor: only the sender, a neutral request and the personal link. Letters, sealed and
 *   addressed, may say everything.
 * - C4: no threatening or misleading words (BANNED_PHRASES).
 * - C8: every SMS says how to stop SMS (reply STOP), every e-mail how to stop e-mails (its link).
 * - SMS length: Hungarian accents force UCS-2, so a part holds 70 characters (67 when split);
 *   every SMS stays within two parts with a link of LINK_LENGTH characters.
 *
 * Placeholders: {link} the portal link minted at send time; {unsubscribe} the e-mail's one-click
 * stop link; {code} a confirmation code (contact_code only, made at send time); letters also {name}, {reference}, {creditor}, {amount}, {deadline}, {nextStep}.
 */
/** the languages messages are written in (as i18n's LANGS) */
export type Lang = 'hu' | 'en';

export const MESSAGE_CHANNELS = ['sms', 'email', 'letter'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export interface MessageText {
	/** e-mail subject, letter heading; none for SMS */
	subject?: string;
	body: string;
}

type ByLang = Record<Lang, MessageText>;
type Template = Partial<Record<MessageChannel, ByLang>>;

const SMS_STOP = { hu: 'Leiratkozás: STOP', en: 'Reply STOP to opt out' } as const;
const EMAIL_STOP = {
	hu: 'Ha nem szeretne több e-mailt kapni tőlünk, kattintson ide: {unsubscribe}',
	en: 'If you no longer want e-mails from us, click here: {unsubscribe}'
} as const;
const SIGN = { hu: 'Rendez ügyfélszolgálat', en: 'Rendez customer service' } as const;

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

const LETTER_HEAD = {
	hu: 'Tisztelt {name}!\n\nA(z) {creditor} megbízásából keressük Önt a(z) {reference} számú ügyben. A fennálló összeg: {amount}.',
	en: 'Dear {name},\n\nWe write on behalf of {creditor} about case {reference}. The amount outstanding is {amount}.'
} as const;
const LETTER_PORTAL = {
	hu: 'Személyes oldalán ({link}) tételesen láthatja, mi mire vonatkozik, azonnal fizethet, részletfizetést kérhet, vagy jelezheti, ha vitatja az ügyet. A levélen lévő QR-kóddal is megnyithatja.',
	en: 'On your personal page ({link}) you can see every item, pay at once, ask for an installment plan, or tell us if you dispute the case. The QR code on this letter opens it too.'
} as const;

export const TEMPLATES: Record<string, Template> = {
	'friendly.reminder': neutral(
		[
			'Egy ügye vár Önre, kérjük, nézze meg:',
			'Egy ügye vár Önre',
			'Bizonyára elkerülte a figyelmét, de egy ügye rendezésre vár. Személyes oldalán mindent megtalál, és néhány perc alatt elintézheti, akár részletekben is:'
		],
		[
			'You may have missed something that needs your attention:',
			'Something is waiting for you',
			'You may have missed it, but a matter is waiting for you. Your personal page has everything, and you can settle it in a few minutes, in installments too:'
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
			'We wrote to you earlier; your matter is still open. If something stands in the way, you can ask for installments on your personal page:'
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
			'We told you earlier that a matter is waiting for you, but have not heard back. Please tell us when you can settle it, or what stands in the way: on your personal page you can promise a date or ask for installments:'
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
			'Please give us a date when you can settle your matter. If paying at once is not possible now, ask for installments on your personal page:'
		]
	),
	'plan.offer': neutral(
		[
			'Részletekben is rendezheti ügyét:',
			'Részletfizetési lehetőség',
			'Tudjuk, hogy nem mindig lehet egyszerre fizetni. Személyes oldalán részletfizetést kérhet, és azonnal látja, mire számíthat:'
		],
		[
			'You can settle in installments. Our offer is here:',
			'You can pay in installments',
			'We know paying at once is not always possible. On your personal page you can ask for installments and see at once what to expect:'
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
			body: `${LETTER_HEAD.en}\n\nPlease pay the amount by {deadline}, or agree an installment plan with us by that day. If it is not settled by then, {nextStep}.\n\n${LETTER_PORTAL.en}\n\n${SIGN.en}`
		}
	),
	'legal.notice': letter(
		{
			subject: 'Értesítés az ügy átadásáról',
			body: `${LETTER_HEAD.hu}\n\nMivel ügye nem rendeződött, {nextStep}. Addig még rendezheti vagy részletfizetést kérhet.\n\n${LETTER_PORTAL.hu}\n\n${SIGN.hu}`
		},
		{
			subject: 'Notice of the handover of your case',
			body: `${LETTER_HEAD.en}\n\nAs your case has not been settled, {nextStep}. Until then you can still settle it or ask for installments.\n\n${LETTER_PORTAL.en}\n\n${SIGN.en}`
		}
	),
	// the outbox's notices (installment reminders, the plan's news) and the fresh link a debtor asks for
	installment_reminder: neutral(
		[
			'Közeleg a következő részlet, itt láthatja:',
			'Emlékeztető a következő részletről',
			'Közeleg a következő részlet napja. Személyes oldalán megnézheti, és rögtön be is fizetheti:'
		],
		[
			'Your next installment is coming up. See it here:',
			'A reminder of your next installment',
			'Your next installment is coming up. Your personal page shows its day, and you can pay it there at once:'
		]
	),
	plan_active: neutral(
		[
			'Részletfizetése elindult, itt láthatja:',
			'Részletfizetése elindult',
			'Részletfizetése elindult. A részletek napjait és a befizetéseket személyes oldalán követheti:'
		],
		[
			'Your installment plan has started. See it here:',
			'Your installment plan has started',
			'Your installment plan has started. Your personal page shows the days of the installments and your payments:'
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
			'We have your request for installments and will answer soon. Your personal page shows where it stands:'
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
			'We have answered your request for installments. Your personal page has our answer, and you can ask again on other terms:'
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
			'We did not hear back about our offer, so it has ended. On your personal page you can ask for installments again:'
		]
	),
	plan_broken: neutral(
		[
			'Részletfizetése megszakadt, itt rendezheti:',
			'Részletfizetése megszakadt',
			'Részletfizetése megszakadt. Ha valami közbejött, személyes oldalán megnézheti, hogyan tovább:'
		],
		[
			'Your installment plan has stopped. See here:',
			'Your installment plan has stopped',
			'Your installment plan has stopped. If something came up, your personal page shows how to go on:'
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

/** The real next steps a letter may state (C4: nothing else, and with its date). */
export const NEXT_STEPS = {
	hu: { legal_handover: 'ügyét {date} napján átadjuk partner ügyvédi irodánknak' },
	en: { legal_handover: 'we will hand your case over to our partner law firm on {date}' }
} as const;

/**
 * C4: words that threaten or mislead. None may stand in any template, in any language: the real
 * next step (the handover to the law firm, with its date) is all a notice says of what follows.
 */
export const BANNED_PHRASES = [
	'börtön',
	'rendőr',
	'feljelent',
	'büntet',
	'végrehajt',
	'lefoglal',
	'letiltás',
	'utolsó esély',
	'azonnal intézkedünk',
	'prison',
	'jail',
	'police',
	'arrest',
	'criminal',
	'seize',
	'bailiff',
	'garnish',
	'last chance',
	'final warning'
] as const;

/** C3: what an SMS or an e-mail must never contain (besides amounts and creditor names). */
export const DISCLOSING_WORDS = [
	'tartozás',
	'adósság',
	'hátralék',
	'követelés',
	'behajt',
	'késedelm',
	'lejárt',
	'fizetési felszólítás',
	'debt',
	'owe',
	'arrears',
	'overdue',
	'collection',
	'creditor'
] as const;

/** The placeholders a template may use, per channel (C3: SMS and e-mail only the neutral ones). */
export const PLACEHOLDERS: Record<MessageChannel, readonly string[]> = {
	sms: ['link', 'code'],
	email: ['link', 'unsubscribe', 'code'],
	letter: ['link', 'name', 'reference', 'creditor', 'amount', 'deadline', 'nextStep']
};

export function templateFor(
	key: string,
	channel: MessageChannel,
	lang: Lang
): MessageText | undefined {
	return Object.hasOwn(TEMPLATES, key) ? TEMPLATES[key][channel]?.[lang] : undefined;
}

/** Fills the placeholders; a placeholder not allowed on the channel, or not given, stays an error. */
export function render(
	t: MessageText,
	channel: MessageChannel,
	params: Record<string, string>
): MessageText {
	const fill = (s: string) =>
		s.replace(/\{(\w+)\}/g, (_, k: string) => {
			if (!PLACEHOLDERS[channel].includes(k) || !Object.hasOwn(params, k))
				throw new Error(`template placeholder {${k}} not available on ${channel}`);
			return params[k];
		});
	return { subject: t.subject === undefined ? undefined : fill(t.subject), body: fill(t.body) };
}

/** GSM 03.38 basic alphabet; anything else (ő, ű, í ...) makes the SMS UCS-2. */
const GSM = new Set(
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
);

/** How many parts an SMS takes: 160/153 characters in GSM-7, 70/67 in UCS-2. */
export function smsParts(text: string): { encoding: 'gsm7' | 'ucs2'; parts: number } {
	const chars = [...text];
	const gsm = chars.every((c) => GSM.has(c));
	const [single, multi] = gsm ? [160, 153] : [70, 67];
	const n = chars.length;
	return { encoding: gsm ? 'gsm7' : 'ucs2', parts: n <= single ? 1 : Math.ceil(n / multi) };
}

/** A link as long as the real ones (origin, /p/ and a 32-character token), for checks and previews. */
export const SAMPLE_LINK = 'https://portal.rendez.example/p/gq5a6zgrfi7zoydzrhsw3myrb46wov7s';
export const SAMPLE_UNSUBSCRIBE = 'https://portal.rendez.example/stop/gq5a6zgrfi7zoydzrhsw3m';

/** The data a text is rendered with before it is checked or previewed. */
export interface SampleData {
	name: string;
	reference: string;
	/** the creditor the sample letter names */
	creditor: string;
	/** the amount, written as the debtor reads it ('123 456 Ft') */
	amount: string;
	/** the deadline and the next step's date, written out */
	deadline: string;
	nextStepDate: string;
}

/** The placeholders' values for a sample (every placeholder of every channel). */
export function sampleParams(lang: Lang, s: SampleData): Record<string, string> {
	return {
		link: SAMPLE_LINK,
		unsubscribe: SAMPLE_UNSUBSCRIBE,
		// a confirmation code (contact_code): six digits, never an amount
		code: '480213',
		name: s.name,
		reference: s.reference,
		creditor: s.creditor,
		amount: s.amount,
		deadline: s.deadline,
		nextStep: NEXT_STEPS[lang].legal_handover.replace('{date}', s.nextStepDate)
	};
}

/** Why a template text may not be saved (each shown in words next to its field). */
export const TEXT_PROBLEMS = [
	/** a {placeholder} the channel may not carry, or that does not exist */
	'placeholder',
	/** C3: a word that tells what the message is about (debt, arrears ...) */
	'c3Word',
	/** C3: a creditor's name */
	'c3Creditor',
	/** C3: an amount of money */
	'c3Amount',
	/** C3: the claim's reference */
	'c3Reference',
	/** C4: a banned phrase */
	'c4Banned',
	/** C8: an SMS without "STOP" */
	'c8Stop',
	/** C8: an e-mail without its one-click stop link */
	'c8Unsubscribe',
	/** no portal link */
	'noLink',
	/** an SMS longer than two parts */
	'smsLength',
	/** a letter that does not state the next step and its date */
	'nextStep',
	/** an e-mail or a letter without a subject */
	'subjectMissing'
] as const;
export type TextProblemCode = (typeof TEXT_PROBLEMS)[number];

export interface TextProblem {
	field: 'subject' | 'body';
	code: TextProblemCode;
	/** the word, phrase or placeholder at fault; for smsLength the number of parts */
	detail?: string;
}

const AMOUNT = /\d[\d\s.,]*\s?(Ft|HUF|EUR|€)/i;

/** Fills the placeholders it may; the names it may not are returned. */
function fillKnown(
	s: string,
	channel: MessageChannel,
	params: Record<string, string>
): { text: string; bad: string[] } {
	const bad: string[] = [];
	const text = s.replace(/\{(\w*)\}/g, (whole, k: string) => {
		if (!PLACEHOLDERS[channel].includes(k) || !Object.hasOwn(params, k)) {
			bad.push(whole);
			return whole;
		}
		return params[k];
	});
	return { text, bad };
}

/**
 * Checks a template text rendered with sample data, as the unit tests check the built-in ones:
 * C3 (SMS and e-mail: no disclosing word, creditor name, amount or reference), C4 (no banned
 * phrase), C8 (SMS: STOP; e-mail: the stop link), the portal link, the SMS in at most two parts,
 * a letter's next step. `creditors`: every creditor's names (none may stand in an SMS or e-mail).
 * The first problem of each field is enough to show; all are returned.
 */
export function checkTemplateText(
	channel: MessageChannel,
	lang: Lang,
	text: MessageText,
	sample: SampleData,
	creditors: readonly string[]
): TextProblem[] {
	const params = sampleParams(lang, sample);
	const out: TextProblem[] = [];
	const fields: ['subject' | 'body', string][] = [['body', text.body]];
	if (channel !== 'sms') {
		if (!text.subject?.trim()) out.push({ field: 'subject', code: 'subjectMissing' });
		else fields.unshift(['subject', text.subject]);
	}
	const rendered: Partial<Record<'subject' | 'body', string>> = {};
	for (const [field, raw] of fields) {
		const { text: r, bad } = fillKnown(raw, channel, params);
		rendered[field] = r;
		for (const b of bad) out.push({ field, code: 'placeholder', detail: b });
		const lower = r.toLowerCase();
		for (const p of BANNED_PHRASES)
			if (lower.includes(p)) out.push({ field, code: 'c4Banned', detail: p });
		if (channel === 'letter') continue;
		for (const w of DISCLOSING_WORDS)
			if (lower.includes(w)) out.push({ field, code: 'c3Word', detail: w });
		for (const c of creditors)
			if (c.trim().length >= 3 && lower.includes(c.trim().toLowerCase()))
				out.push({ field, code: 'c3Creditor', detail: c.trim() });
		const amount = AMOUNT.exec(r);
		if (amount) out.push({ field, code: 'c3Amount', detail: amount[0].trim() });
		if (r.includes(sample.reference))
			out.push({ field, code: 'c3Reference', detail: sample.reference });
	}
	const body = rendered.body ?? '';
	const whole = `${rendered.subject ?? ''}\n${body}`;
	if (!whole.includes(SAMPLE_LINK)) out.push({ field: 'body', code: 'noLink' });
	if (channel === 'sms') {
		if (!body.includes('STOP')) out.push({ field: 'body', code: 'c8Stop' });
		const parts = smsParts(body.trim()).parts;
		if (parts > 2) out.push({ field: 'body', code: 'smsLength', detail: String(parts) });
	}
	if (channel === 'email' && !body.includes(SAMPLE_UNSUBSCRIBE))
		out.push({ field: 'body', code: 'c8Unsubscribe' });
	if (channel === 'letter' && !whole.includes(sample.nextStepDate))
		out.push({ field: 'body', code: 'nextStep' });
	return out;
}
