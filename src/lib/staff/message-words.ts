/**
 * Messages' codes in words, for staff pages only (the texts are in the staff dictionary,
 * i18n/hu/messages-staff.ts, so this is not in components/: i18n-split.test.ts): a template key,
 * a status reason. An unknown code is never shown as it is: it reads as "other".
 */
import { hasMessage, t } from '$lib/i18n/t';
import type { MessageKey } from '$lib/i18n/core';
import { reasonWord } from '$lib/domain/message-reasons';

function word(prefix: string, code: string | null | undefined, other: MessageKey): string {
	const k = `${prefix}.${code ?? ''}`;
	return code && hasMessage(k) ? t(k as MessageKey) : t(other);
}

/** 'friendly.reminder' -> 'Barátságos emlékeztető' (an outbox template: its notice's name) */
export function templateWords(key: string): string {
	if (hasMessage(`ops.outbox.template.${key}`))
		return t(`ops.outbox.template.${key}` as MessageKey);
	return word('msg.template', key, 'msg.template.other');
}

/** why a message waits, failed or will never go, in words (domain/message-reasons.ts) */
export function reasonWords(code: string | null | undefined): string {
	if (!code) return '';
	const w = reasonWord(code);
	const k = `msg.reason.${w?.reason ?? 'other'}`;
	return hasMessage(k) ? t(k as MessageKey, { number: w?.number ?? '' }) : t('msg.reason.other');
}
