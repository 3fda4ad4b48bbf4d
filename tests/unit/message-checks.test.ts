/**
 * The checks an admin's template edit must pass before it is saved (domain/messages.ts
 * checkTemplateText): the built-in texts pass them all; each rule refuses the text that breaks it.
 */
import { describe, expect, it } from 'vitest';
import {
	MESSAGE_CHANNELS,
	TEMPLATES,
	checkTemplateText,
	templateFor,
	type Lang,
	type SampleData
} from '../../src/lib/domain/messages';

const SAMPLE: SampleData = {
	name: 'Teszt Elek',
	reference: 'DB-2026-0000042',
	creditor: 'Duna Bank Zrt.',
	amount: '123 456 Ft',
	deadline: '2026. április 15.',
	nextStepDate: '2026. április 16.'
};
const CREDITORS = ['Duna Bank Zrt.', 'Duna', 'Tisza Energia Zrt.', 'Tisza'];
const codes = (
	channel: 'sms' | 'email' | 'letter',
	lang: Lang,
	subject: string | undefined,
	body: string,
	key?: string
) =>
	checkTemplateText(channel, lang, { subject, body }, SAMPLE, CREDITORS, key).map(
		(p) => `${p.field}:${p.code}`
	);

describe('template checks before saving', () => {
	it('every built-in text passes every check', () => {
		let n = 0;
		for (const key of Object.keys(TEMPLATES))
			for (const channel of MESSAGE_CHANNELS)
				for (const lang of ['hu', 'en'] as const) {
					const t = templateFor(key, channel, lang);
					if (!t) continue;
					n++;
					expect(
						checkTemplateText(channel, lang, t, SAMPLE, CREDITORS, key),
						`${key}/${channel}/${lang}`
					).toEqual([]);
				}
		expect(n).toBeGreaterThanOrEqual(24);
	});

	it('C4: threats of court, a lawsuit, the bailiff, the police or criminal proceedings are refused in every form (walkthrough s16, item 2)', () => {
		const banned = (lang: Lang, text: string) =>
			checkTemplateText('sms', lang, { body: `Rendez: ${text} {link} STOP` }, SAMPLE, CREDITORS)
				.filter((p) => p.code === 'c4Banned')
				.map((p) => p.detail);
		// what the walkthrough could save as the friendly reminder
		expect(banned('hu', 'fizessen, vagy bíróság!')).toEqual(['bíróság']);
		for (const [lang, text] of [
			['hu', 'Ügyét bíróság elé visszük.'],
			['hu', 'Bírósági eljárás indul.'],
			['hu', 'A bíróhoz fordulunk.'],
			['hu', 'Pert indítunk.'],
			['hu', 'Ha nem fizet, beperelünk.'],
			['hu', 'Pereljük Önt.'],
			['hu', 'Per lesz belőle.'],
			['hu', 'Peres eljárás következik.'],
			['hu', 'Feljelentést teszünk.'],
			['hu', 'Értesítjük a rendőrséget.'],
			['hu', 'Jön a végrehajtó.'],
			['hu', 'Jogi lépéseket teszünk.'],
			['hu', 'Az ügyészséghez fordulunk.'],
			['en', 'We will take you to court.'],
			['en', 'A lawsuit will follow.'],
			['en', 'We will sue you.'],
			['en', 'We are suing.'],
			['en', 'The police will be told.'],
			['en', 'A bailiff will call.'],
			['en', 'Criminal proceedings follow.'],
			['en', 'We will take legal action.'],
			['en', 'You may be prosecuted.']
		] as const)
			expect(banned(lang, text).length, text).toBeGreaterThan(0);
		// no false alarm on words that merely contain one: perc, persze, perem, courtesy, issue, pursue
		for (const [lang, text] of [
			['hu', 'Néhány perc alatt elintézheti.'],
			['hu', 'Persze, részletekben is.'],
			['hu', 'A lap peremén.'],
			['hu', 'Személyes oldalán mindent lát.'],
			['en', 'Out of courtesy we remind you.'],
			['en', 'Any issue? Pursue a plan with us.'],
			['en', 'Pay once per month.'],
			['hu', 'Partner ügyvédi irodánknak adjuk át.']
		] as const)
			expect(banned(lang, text), text).toEqual([]);
	});

	it('C3: an SMS or e-mail naming the debt, an amount, a creditor or a placeholder it may not carry is refused', () => {
		expect(codes('sms', 'hu', undefined, 'Rendez: tartozása van {link} STOP')).toEqual([
			'body:c3Word'
		]);
		expect(codes('sms', 'hu', undefined, 'Rendez: fizessen 12 000 Ft-ot {link} STOP')).toEqual([
			'body:c3Amount'
		]);
		expect(codes('sms', 'hu', undefined, 'Rendez: a Tisza kéri {link} STOP')).toEqual([
			'body:c3Creditor'
		]);
		expect(codes('sms', 'hu', undefined, 'Rendez: {amount} {link} STOP')).toEqual([
			'body:placeholder'
		]);
		expect(codes('email', 'en', 'Your debt', 'Hello {link} {unsubscribe}')).toEqual([
			'subject:c3Word'
		]);
	});

	it('C4: a banned phrase is refused on every channel, letters too', () => {
		expect(codes('letter', 'hu', 'Utolsó esély', 'Tisztelt {name}! {nextStep} {link}')).toEqual([
			'subject:c4Banned'
		]);
		expect(codes('email', 'en', 'Hi', 'Police will come {link} {unsubscribe}')).toEqual([
			'body:c4Banned'
		]);
	});

	it('C8: an SMS without STOP, an e-mail without its stop link are refused; so is a text without the link', () => {
		expect(codes('sms', 'en', undefined, 'Rendez: please look {link}')).toEqual(['body:c8Stop']);
		expect(codes('email', 'en', 'Hi', 'Please look {link}')).toEqual(['body:c8Unsubscribe']);
		expect(codes('sms', 'en', undefined, 'Rendez: please look. STOP')).toEqual(['body:noLink']);
	});

	it('an SMS longer than two parts is refused; a letter must state the next step; a subject is needed', () => {
		expect(codes('sms', 'hu', undefined, `Rendez: ${'ő'.repeat(120)} {link} STOP`)).toEqual([
			'body:smsLength'
		]);
		expect(codes('letter', 'hu', 'Levél', 'Tisztelt {name}! {link}')).toEqual(['body:nextStep']);
		expect(codes('email', 'hu', '  ', 'Kérjük {link} {unsubscribe}')).toEqual([
			'subject:subjectMissing'
		]);
	});

	it('only a stage-3 letter names the handover as the next step: in any other letter it is refused (C4)', () => {
		const body = 'Tisztelt {name}! Ha nem fizet, {nextStep}. {link}';
		const plain = 'Tisztelt {name}! {link}';
		expect(codes('letter', 'hu', 'Részletfizetés', body, 'plan_active')).toEqual([
			'body:nextStepNotHere'
		]);
		expect(codes('letter', 'hu', 'Részletfizetés', plain, 'plan_active')).toEqual([]);
		expect(codes('letter', 'hu', 'Felszólítás', body, 'formal.notice')).toEqual([]);
	});
});
