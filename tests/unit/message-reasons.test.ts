/**
 * Every reason a message can carry (messages.status_reason) has words in both languages: the codes
 * the dispatcher decides (DISPATCH_REASONS), and every code written as a literal by the services and
 * channels that set it (read from their source), including the channels' families with a provider's
 * number. No code reaches the page as "other" unless nothing in the code writes it.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import hu from '../../src/lib/i18n/hu/messages-staff';
import en from '../../src/lib/i18n/en/messages-staff';
import { DISPATCH_REASONS } from '../../src/lib/domain/dispatch';
import { MESSAGE_REASONS, reasonWord } from '../../src/lib/domain/message-reasons';

const WRITERS = [
	'src/lib/server/services/dispatcher.ts',
	'src/lib/server/services/dispatcher-claim.ts',
	'src/lib/server/services/dispatcher-messages.ts',
	'src/lib/server/services/dispatcher-outcome.ts',
	'src/lib/server/services/dispatcher-send.ts',
	'src/lib/server/services/letter-content.ts',
	'src/lib/server/services/letter-writing.ts',
	'src/lib/server/services/letters.ts',
	'src/lib/server/services/deliveries.ts',
	'src/lib/server/services/claim-closing.ts',
	'src/lib/server/services/message-views.ts',
	'src/lib/server/channels/email.ts',
	'src/lib/server/channels/twilio.ts'
];
const CODE = `'([a-z0-9_]+)'`;
const LITERALS = [
	new RegExp(`closeMessage\\(db, m, '\\w+', ${CODE}`, 'g'),
	new RegExp(`(?:drop\\(|cancel\\(m, )${CODE}`, 'g'),
	new RegExp(`markUnknown\\([^)]*${CODE}, now\\)`, 'g'),
	new RegExp(`(?:statusReason|status_reason|error|detail): ${CODE}`, 'g')
];
/** a code made of a prefix and the provider's number or name */
const FAMILY = /(?:error|detail|const error) ?[:=] ?(?:code \? )?`([a-z_]+)\$\{/g;

function written() {
	const codes = new Set<string>();
	const families = new Set<string>();
	for (const f of WRITERS) {
		const src = fs.readFileSync(path.resolve(f), 'utf8');
		for (const re of LITERALS) for (const m of src.matchAll(re)) codes.add(m[1]);
		for (const m of src.matchAll(FAMILY)) families.add(m[1]);
		if (f.endsWith('letter-content.ts'))
			for (const m of src.matchAll(new RegExp(`return ${CODE}`, 'g'))) codes.add(m[1]);
	}
	return { codes, families };
}

const words = (code: string) => {
	const w = reasonWord(code);
	return w ? [hu[`msg.reason.${w.reason}` as keyof typeof hu], en[`msg.reason.${w.reason}`]] : [];
};

describe('the reasons a message carries', () => {
	it('has words in both languages for every listed reason', () => {
		for (const r of MESSAGE_REASONS) {
			expect(hu[`msg.reason.${r}` as keyof typeof hu], r).toBeTruthy();
			expect(en[`msg.reason.${r}` as keyof typeof en], r).toBeTruthy();
		}
		for (const r of DISPATCH_REASONS) expect(words(r), r).toHaveLength(2);
	});

	it('has words for every code the services and channels write', () => {
		const { codes, families } = written();
		// the scan finds the writers' codes (a change of their shape must change this test)
		for (const c of ['no_template', 'c7_closed', 'cancelled_by_staff', 'lease_lapsed', 'no_claim'])
			expect(codes, c).toContain(c);
		expect([...families].sort()).toEqual(['bounce_', 'smtp_', 'soft_bounce_', 'twilio_']);
		for (const c of codes) expect(words(c), c).toHaveLength(2);
		for (const f of families)
			for (const n of ['550', '5.1.1', '30003', 'ECONNECTION', 'undelivered'])
				expect(words(f + n), f + n).toHaveLength(2);
		// a send that threw: the error's class name
		for (const c of ['error', 'Error', 'TypeError', 'AbortError'])
			expect(words(c), c).toHaveLength(2);
	});

	it("words a provider's code with its number", () => {
		expect(reasonWord('smtp_550')).toEqual({ reason: 'smtp_code', number: '550' });
		expect(reasonWord('twilio_30003')).toEqual({ reason: 'sms_provider_code', number: '30003' });
		expect(reasonWord('soft_bounce_4.2.2')).toEqual({ reason: 'soft_bounce', number: '4.2.2' });
		expect(reasonWord('something_else')).toBeNull();
	});
});
