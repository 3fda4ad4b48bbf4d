/**
 * Payment allocation. Civil Code 6:46: a payment goes first to costs, then interest, then
 * principal; we settle fees with costs' priority just after them (they are the creditor's
 * collection charges). A creditor whose contract says otherwise gives its own order (C6).
 */
import type { Balances, Component } from './ledger';

export const DEFAULT_ORDER: readonly Component[] = ['cost', 'fee', 'interest', 'principal'];

export interface Allocation {
	/** how much of the payment each component takes (non-negative) */
	parts: Balances;
	/** what is left after every open component is paid: an overpayment (C11) */
	overpayment: number;
}

export function parseOrder(text: string): Component[] {
	const order = text.split(',').map((s) => s.trim()) as Component[];
	const all: Component[] = ['principal', 'interest', 'fee', 'cost'];
	if (order.length !== 4 || !all.every((c) => order.includes(c))) return [...DEFAULT_ORDER];
	return order;
}

export function allocate(
	amount: number,
	open: Balances,
	order: readonly Component[] = DEFAULT_ORDER
): Allocation {
	if (!Number.isSafeInteger(amount) || amount < 0)
		throw new RangeError('amount must be a non-negative integer');
	const parts: Balances = { principal: 0, interest: 0, fee: 0, cost: 0 };
	let left = amount;
	for (const c of order) {
		const take = Math.min(left, Math.max(0, open[c]));
		parts[c] = take;
		left -= take;
	}
	return { parts, overpayment: left };
}
