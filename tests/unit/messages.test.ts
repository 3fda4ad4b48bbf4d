/**
 * The message texts (issue 17, item 2) against the contact rules, every template, every channel,
 * both languages, rendered with real data: C3, C4, C8 by name, and the SMS length.
 */
import { describe, expect, it } from 'vitest';
import {
	BANNED_PHRASES,
	DISCLOSING_WORDS,
	MESSAGE_CHANNELS,
	NEXT_STEPS,
	SAMPLE_LINK,
	SAMPLE_UNSUBSCRIBE,
	TEMPLATES,
	render,
	smsParts,
	templateFor,
	type Lang,
	type MessageChannel
} from '../../src/lib/domain/messages';
import { formatMoney } from '../../src/lib/domain/money';
import { hasKey } from '../../src/lib/i18n';
import { letterStatesNextStep } from '../../src/lib/domain/letter-texts';
import { demoAccounts } from '../../src/lib/server/db/seed/demo-accounts';

const LANGS: Lang[] = ['hu', 'en'];
const CREDITORS = ['Duna Bank Zrt.', 'Tisza Energia Zrt.', 'Pannon Telekom Nyrt.'];
// a link as long as the real ones: origin, /p/ and a 32-character token
const LINK = SAMPLE_LINK;

describe('the sample link of checks and previews (walkthrough item 9)', () => {
	it("is as long as a real link, but its token is no token Rendez makes, nor any seed's demo link", () => {
		const token = SAMPLE_LINK.slice(SAMPLE_LINK.lastIndexOf('/') + 1);
		expect(token).toHaveLength(32);
		// randomToken and the demo links are lower-case base32 (a–z, 2–7): never this
		expect(token).not.toMatch(/^[a-z2-7]+$/);
		for (let seed = 1; seed <= 10; seed++)
			for (const l of demoAccounts(seed).links) expect(SAMPLE_LINK).not.toContain(l.token);
		const stop = SAMPLE_UNSUBSCRIBE.slice(SAMPLE_UNSUBSCRIBE.lastIndexOf('/') + 1);
		expect(stop).not.toMatch(/^[a-z2-7]+$/);
	});
});

function every(fn: (key: string, channel: MessageChannel, lang: Lang, text: string) => void) {
	for (const key of Object.keys(TEMPLATES))
		for (const channel of MESSAGE_CHANNELS)
			for (const lang of LANGS) {
				const t = templateFor(key, channel, lang);
				if (!t) continue;
				const amount = formatMoney(12_345_600, 'HUF', lang);
				const r = render(t, channel, {
					link: LINK,
					unsubscribe: 'https://portal.rendez.example/stop/abc',
					code: '482913',
					name: 'Teszt Elek',
					reference: 'DB-2026-0000042',
					creditor: CREDITORS[0],
					amount,
					deadline: '2026. április 15.',
					nextStep: NEXT_STEPS[lang].legal_handover.replace('{date}', '2026. április 16.')
				});
				fn(key, channel, lang, `${r.subject ?? ''}\n${r.body}`);
			}
}

describe('message templates', () => {
	it('every template has both languages on each of its channels, and every key the engine plans has one', () => {
		for (const [key, t] of Object.entries(TEMPLATES))
			for (const [channel, byLang] of Object.entries(t))
				for (const lang of LANGS)
					expect(byLang?.[lang]?.body, `${key}/${channel}/${lang}`).toBeTruthy();
		for (const key of [
			'friendly.reminder',
			'friendly.followup',
			'firm.reminder',
			'firm.followup',
			'formal.notice',
			'legal.notice',
			'plan.offer'
		])
			expect(TEMPLATES[key], key).toBeDefined();
	});

	it('staff pages name every template in words (never "other notice"; English is typed against it)', () => {
		for (const key of Object.keys(TEMPLATES))
			expect(hasKey(`ops.outbox.template.${key}`) || hasKey(`msg.template.${key}`), key).toBe(true);
	});

	it('C3: an SMS or an e-mail never names the debt, an amount or the creditor', () => {
		let checked = 0;
		every((key, channel, lang, text) => {
			if (channel === 'letter') return;
			checked++;
			const lower = text.toLowerCase();
			for (const w of DISCLOSING_WORDS)
				expect(lower, `${key}/${channel}/${lang}: ${w}`).not.toContain(w);
			for (const c of CREDITORS) expect(text).not.toContain(c.split(' ')[0]);
			expect(text, `${key}/${channel}/${lang}: an amount`).not.toMatch(
				/\d[\d\s.,]*\s?(Ft|HUF|EUR|€)/
			);
			expect(text).not.toContain('DB-2026');
			expect(text).toContain(LINK);
		});
		expect(checked).toBeGreaterThanOrEqual(20);
	});

	it('C4: no banned phrase in any template, in any language', () => {
		every((key, channel, lang, text) => {
			const lower = text.toLowerCase();
			for (const p of BANNED_PHRASES)
				expect(lower, `${key}/${channel}/${lang}: ${p}`).not.toContain(p);
		});
	});

	it('C4: a stage-3 notice states the real next step and its date; no other letter names it', () => {
		every((key, channel, lang, text) => {
			if (channel !== 'letter') return;
			if (letterStatesNextStep(key)) expect(text, key).toContain('2026. április 16.');
			else expect(text, key).not.toContain('2026. április 16.');
		});
	});

	it('C8: every SMS says reply STOP, every e-mail carries its one-click stop link', () => {
		every((key, channel, lang, text) => {
			if (channel === 'sms') expect(text, `${key}/${lang}`).toContain('STOP');
			if (channel === 'email')
				expect(text, `${key}/${lang}`).toContain('https://portal.rendez.example/stop/abc');
		});
	});

	it('every SMS fits in two parts with a full-length link (Hungarian accents make it UCS-2)', () => {
		every((key, channel, lang, text) => {
			if (channel !== 'sms') return;
			expect(
				smsParts(text.trim()).parts,
				`${key}/${lang}: ${text.trim().length} characters`
			).toBeLessThanOrEqual(2);
		});
		expect(smsParts('a'.repeat(160))).toEqual({ encoding: 'gsm7', parts: 1 });
		expect(smsParts('ő'.repeat(71))).toEqual({ encoding: 'ucs2', parts: 2 });
	});

	it('a placeholder a channel may not carry cannot be filled in (C3 by construction)', () => {
		expect(() => render({ body: 'Összeg: {amount}' }, 'sms', { amount: '1 Ft' })).toThrow();
	});

	it('a Hungarian "a(z)" before a placeholder takes the article its value is said with', () => {
		const letter = {
			body: 'A(z) {creditor} megbízásából írunk a(z) {reference} számú ügyben.'
		};
		expect(render(letter, 'letter', { creditor: 'Otp Bank', reference: 'DB-2026-1' }).body).toBe(
			'Az Otp Bank megbízásából írunk a DB-2026-1 számú ügyben.'
		);
		expect(render(letter, 'letter', { creditor: 'Pannon Telekom', reference: 'RZ-7' }).body).toBe(
			'A Pannon Telekom megbízásából írunk az RZ-7 számú ügyben.'
		);
	});
});
