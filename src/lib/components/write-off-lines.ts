/**
 * What a corrected dispute took off the claim, in one line: each component in words with its
 * amount ("Kamat 5 000 Ft, Díjak 2 000 Ft"); `amount` formats in the claim's currency.
 */
import { t } from '$lib/i18n/t';
import type { Component } from '$lib/domain/ledger';

export const writeOffLines = (
	lines: readonly { component: Component; amountMinor: number }[],
	amount: (minor: number) => string
) =>
	lines.map((l) => `${t(`portal.component.${l.component}`)} ${amount(l.amountMinor)}`).join(', ');
