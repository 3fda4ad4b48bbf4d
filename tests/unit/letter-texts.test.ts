/**
 * Every notice the code can queue for a debtor reaches a postal-only debtor too
 * (domain/letter-texts.ts): it has a letter in both languages, or it is one of the few listed as
 * never by post. And what each letter may say: only the stage-3 notices name the next step; an
 * instalment letter names the instalment's amount and day, a letter that asks for no payment no
 * amount or deadline.
 */
import { describe, expect, it } from 'vitest';
import { OUTBOX_TEMPLATES } from '../../src/lib/domain/dispatch';
import {
	LETTERS,
	NOT_BY_LETTER,
	letterPayment,
	letterStatesNextStep
} from '../../src/lib/domain/letter-texts';
import { TEMPLATES, templateFor } from '../../src/lib/domain/messages';
import { defaultStrategyVersion } from '../../src/lib/domain/strategy';

/** The keys the code queues: the outbox's notices, the fresh link, the engine's messages. */
function queuedKeys(): string[] {
	const v = defaultStrategyVersion();
	const engine = v.stages
		.flatMap((s) => s.steps)
		.filter((s) => s.channels.some((c) => c === 'sms' || c === 'email' || c === 'letter'))
		.map((s) => s.template);
	// access.ts queueAccessLink puts 'access_link' in the outbox itself
	return [...new Set([...OUTBOX_TEMPLATES, 'access_link', ...engine, v.planOffer.template])];
}

describe('letters for every notice', () => {
	it('every key the code can queue has a letter in Hungarian and English, or is listed as never by post', () => {
		const notByLetter: readonly string[] = NOT_BY_LETTER;
		const missing: string[] = [];
		for (const key of queuedKeys()) {
			expect(TEMPLATES[key], `${key}: no text at all`).toBeDefined();
			const hu = templateFor(key, 'letter', 'hu');
			const en = templateFor(key, 'letter', 'en');
			if (notByLetter.includes(key)) {
				// listed: no letter text, so the dispatcher blocks it rather than printing it
				expect(hu ?? en, `${key} is listed as not by letter`).toBeUndefined();
				continue;
			}
			if (!hu?.subject || !hu.body || !en?.subject || !en.body) missing.push(key);
		}
		expect(missing).toEqual([]);
		for (const key of ['plan_active', 'installment_reminder', 'dispute_answered', 'plan.offer'])
			expect(queuedKeys()).toContain(key);
	});

	it('only the stage-3 notices name the next step', () => {
		expect(Object.keys(LETTERS).filter(letterStatesNextStep)).toEqual([]);
		expect(['formal.notice', 'legal.notice'].every(letterStatesNextStep)).toBe(true);
	});

	it('an instalment letter names its amount and day; a letter that asks for no payment names neither', () => {
		for (const [key, byLang] of Object.entries(LETTERS))
			for (const t of Object.values(byLang)) {
				const pay = letterPayment(key);
				if (pay === 'installment') expect(t.body, key).toMatch(/\{amount\}[\s\S]*\{deadline\}/);
				if (pay === 'none') expect(t.body, key).not.toMatch(/\{amount\}|\{deadline\}/);
				if (pay === 'balance') expect(t.body, key).toContain('{amount}');
			}
		expect(letterPayment('installment_reminder')).toBe('installment');
		expect(letterPayment('dispute_answered')).toBe('none');
		expect(letterPayment('formal.notice')).toBe('balance');
	});
});
