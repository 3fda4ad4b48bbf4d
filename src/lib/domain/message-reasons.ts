/**
 * Why a message waits, failed, or will never go (messages.status_reason), as the dispatcher, the
 * channels, the letter run and staff write it. Exact codes are listed; the channels' codes that
 * carry the provider's own number (`smtp_550`, `bounce_5.1.1`, `soft_bounce_4.2.2`, `twilio_30003`)
 * are families. `reasonWord` names the words for a code (an unknown one reads as "other"): every
 * code has a sentence in both dictionaries (tests/unit/message-reasons.test.ts).
 */
import { DISPATCH_REASONS } from './dispatch';

export const MESSAGE_REASONS = [
	...DISPATCH_REASONS,
	// contact rules at the moment of sending, and the letter run (services/letter-content.ts)
	'c2_after_conversation',
	'c7_closed',
	'c8_opted_out',
	'postal_invalid',
	'plan_changed',
	'no_claim',
	// a contact code (services/dispatcher-send.ts sendContactCode)
	'change_expired',
	'no_channel',
	// staff, delivery and the channels' own answers
	'cancelled_by_staff',
	'lease_lapsed',
	'no_report',
	'no_answer',
	'returned',
	'invalid_number',
	'sms_too_long',
	'twilio_unreachable',
	'address_invalid',
	'no_address',
	'hard_bounce',
	'soft_bounce',
	'provider_error',
	'template_error',
	'smtp_code',
	'smtp_connection',
	'sms_provider_code',
	'sms_undelivered',
	'send_error'
] as const;
export type MessageReason = (typeof MESSAGE_REASONS)[number];

const FAMILIES: readonly [RegExp, MessageReason][] = [
	[/^smtp_\d{3}$/, 'smtp_code'],
	[/^smtp_/, 'smtp_connection'],
	[/^soft_bounce_/, 'soft_bounce'],
	[/^bounce_/, 'hard_bounce'],
	[/^twilio_\d+$/, 'sms_provider_code'],
	[/^twilio_/, 'sms_undelivered'],
	// a send that threw: the error's class name (`Error`, `TypeError`, ...), or 'error'
	[/^(error|([A-Z][A-Za-z]*)?Error)$/, 'send_error']
];

/** The reason a code is worded as (null: no words for it, "other"), with the provider's number. */
export function reasonWord(code: string): { reason: MessageReason; number: string } | null {
	if ((MESSAGE_REASONS as readonly string[]).includes(code))
		return { reason: code as MessageReason, number: '' };
	for (const [re, reason] of FAMILIES)
		if (re.test(code)) return { reason, number: code.slice(code.lastIndexOf('_') + 1) };
	return null;
}
