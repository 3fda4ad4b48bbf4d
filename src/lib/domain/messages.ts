/**
 * The messages the engine plans (issue 17, item 2: templates as data): their channels, the rules
 * their texts keep, rendering and the checks an edited text must pass. The texts themselves, per
 * template key, channel and language, are in message-texts.ts (TEMPLATES, served from here).
 *
 * The rules these texts keep, each tested over every template (tests/unit/messages.test.ts):
 * - C3: an SMS or an e-mail may be read by someone else, so it never names the debt, an amount or
 *   the creditor: only the sender, a neutral request and the personal link. Letters, sealed and
 *   addressed, may say everything.
 * - C4: no threatening or misleading words (BANNED_PHRASES, and THREATS as whole words).
 * - C8: every SMS says how to stop SMS (reply STOP), every e-mail how to stop e-mails (its link).
 * - SMS length: Hungarian accents force UCS-2, so a part holds 70 characters (67 when split);
 *   every SMS stays within two parts with a link of LINK_LENGTH characters.
 *
 * Placeholders: {link} the portal link minted at send time; {unsubscribe} the e-mail's one-click
 * stop link; {code} a confirmation code (contact_code only, made at send time); letters also {name}, {reference}, {creditor}, {amount}, {deadline}, {nextStep}.
 */
import { TEMPLATES } from './message-texts';
import { letterStatesNextStep } from './letter-texts';
import { withArticle } from './articles';

/** the languages messages are written in (as i18n's LANGS) */
export type Lang = 'hu' | 'en';

export const MESSAGE_CHANNELS = ['sms', 'email', 'letter'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export interface MessageText {
	/** e-mail subject, letter heading; none for SMS */
	subject?: string;
	body: string;
}

export { TEMPLATES };

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

/** A word starts here: not after a letter or digit (Hungarian letters too: \b knows only ASCII). */
const START = '(?<![\\p{L}\\p{N}])';
/** A word ends here: no letter or digit follows. */
const END = '(?![\\p{L}\\p{N}])';
const threat = (body: string) => new RegExp(`${START}(?:${body})`, 'iu');

/**
 * C4: threats of court, a lawsuit, the bailiff, the police or criminal proceedings, in Hungarian
 * and English, as whole words in their inflected forms (BANNED_PHRASES catches word parts; these
 * need word edges, or 'per' would catch 'perc' and 'court' would catch 'courtesy'; the police,
 * the bailiff (végrehajtó), a criminal complaint (feljelentés) are word parts there). No template may
 * name them: the one next step a notice states is the handover to the law firm with its date.
 */
export const THREATS: readonly RegExp[] = [
	threat('bírós[áa]g\\p{L}*'),
	threat(`bíró(?:i|t|hoz|nál|tól|k)?${END}`),
	threat('ügyészs\\p{L}*'),
	threat('letartóztat\\p{L}*'),
	threat('büntetőeljárás\\p{L}*'),
	threat('jogi (?:lépés|út|eljárás)\\p{L}*'),
	threat(`(?:courts?|courthouse|courtroom)${END}`),
	threat('lawsuits?'),
	threat(`su(?:e|es|ed|ing)${END}`),
	threat('legal (?:action|proceedings?|steps?)'),
	threat('prosecut\\p{L}*'),
	threat('litigat\\p{L}*'),
	threat('enforcement officers?')
];

/**
 * Hungarian 'per' (a lawsuit) and its forms: pert, perre, perben, perel, pereljük, beperel,
 * peres, perindítás. Hungarian texts only: in English 'per' is an ordinary word ('per month').
 */
const HU_LAWSUIT = threat(
	`(?:be)?per(?:t|re|ben|rel|ből|hez|ek|eket|es\\p{L}*|el\\p{L}*|l\\p{L}*|ind\\p{L}*)?${END}`
);

/** The threats a text makes (C4), each as it stands in the text; empty when none. */
export function threatsIn(text: string, lang: Lang): string[] {
	const out: string[] = [];
	for (const re of lang === 'hu' ? [...THREATS, HU_LAWSUIT] : THREATS) {
		const m = re.exec(text);
		if (m) out.push(m[0]);
	}
	return out;
}

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
	// "a(z) {creditor}" in a Hungarian text: the article the value takes
	const withArticles = (s: string) =>
		s.replace(/[Aa]\(z\) „?\{(\w+)\}/g, (m: string, k: string) =>
			Object.hasOwn(params, k)
				? withArticle(m.slice(0, m.length - k.length - 2), params[k]) + `{${k}}`
				: m
		);
	const both = (x: string) => fill(withArticles(x));
	return { subject: t.subject === undefined ? undefined : both(t.subject), body: both(t.body) };
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

/**
 * A link as long as the real ones (origin, /p/ and a 32-character token), for checks and previews.
 * Its token can never be a real one: real tokens are lower-case base32 (a–z, 2–7), and this one
 * has '0's, so a preview opened in the demo shows the "link not usable" page, never a debtor.
 */
export const SAMPLE_LINK = 'https://portal.rendez.example/p/sample0link0never0valid000000000';
export const SAMPLE_UNSUBSCRIBE = 'https://portal.rendez.example/stop/sample0stop0not0valid0';

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
	/** a stage-3 letter that does not state the next step and its date */
	'nextStep',
	/** any other letter that names the handover as the next step (C4: not its real next step) */
	'nextStepNotHere',
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
 * a stage-3 letter's next step (and no other letter's: `key` is the template's key; without it a
 * letter is checked as a stage-3 notice). `creditors`: every creditor's names (none may stand in
 * an SMS or e-mail). The first problem of each field is enough to show; all are returned.
 */
export function checkTemplateText(
	channel: MessageChannel,
	lang: Lang,
	text: MessageText,
	sample: SampleData,
	creditors: readonly string[],
	key?: string
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
		for (const w of threatsIn(r, lang)) out.push({ field, code: 'c4Banned', detail: w });
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
	if (channel === 'letter') {
		if (key === undefined || letterStatesNextStep(key)) {
			if (!whole.includes(sample.nextStepDate)) out.push({ field: 'body', code: 'nextStep' });
		} else
			for (const [field, raw] of fields)
				if (raw.includes('{nextStep}')) out.push({ field, code: 'nextStepNotHere' });
	}
	return out;
}
