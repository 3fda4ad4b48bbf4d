/**
 * A Table's column heads from the i18n keys under one prefix, e.g.
 * `heads('bank.col', ['date', { num: 'amount' }, 'payer'])`: a name is the key's last
 * part (checked against the dictionary), `{ num }` a right-aligned number column.
 */
import type { MessageKey } from '$lib/i18n/core';
import { t } from '$lib/i18n/t';

/** the key parts that follow `prefix.` */
type Under<P extends string> = MessageKey extends infer K
	? K extends `${P}.${infer Name}`
		? Name
		: never
	: never;

export type Head<P extends string> = Under<P> | { num: Under<P> };

export function heads<P extends string>(
	prefix: P,
	names: readonly Head<P>[]
): (string | { label: string; num: true })[] {
	const text = (name: string) => t(`${prefix}.${name}` as MessageKey);
	return names.map((n) => (typeof n === 'string' ? text(n) : { label: text(n.num), num: true }));
}

/** the prefixes under which a list's texts are: its `.caption`, `.empty` and column heads `.col.<name>` */
export type TableWords = {
	[K in MessageKey]: K extends `${infer P}.caption`
		? `${P}.empty` extends MessageKey
			? P
			: never
		: never;
}[MessageKey];
