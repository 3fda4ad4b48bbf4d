/**
 * Ledger arithmetic. A claim's balance is the sum of its entries, per component. Charges are
 * positive; payments and write-offs negative; refunds positive (money given back re-opens debt);
 * reversals carry the opposite sign of what they reverse.
 */
export const COMPONENTS = ['principal', 'interest', 'fee', 'cost'] as const;
export type Component = (typeof COMPONENTS)[number];
/** settlement_discount: what a settlement offer forgave (domain/settlement.ts), a write-off of its own kind */
export const LEDGER_KINDS = [
	'charge',
	'payment',
	'refund',
	'write_off',
	'reversal',
	'settlement_discount'
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export type Balances = Record<Component, number>;

export interface LedgerLine {
	component: Component;
	kind: LedgerKind;
	amountMinor: number;
}

export const zeroBalances = (): Balances => ({ principal: 0, interest: 0, fee: 0, cost: 0 });

export function balancesOf(lines: Iterable<LedgerLine>): Balances {
	const b = zeroBalances();
	for (const l of lines) b[l.component] += l.amountMinor;
	return b;
}

export function totalOf(b: Balances): number {
	return b.principal + b.interest + b.fee + b.cost;
}

/**
 * The same lines, summed per component and kind (in first-seen order): what a statement needs,
 * in at most 24 lines however long the claim's history; `statementOf` gives the same result.
 * Reversals are summed per sign, since a negative one undoes a charge and a positive one a payment.
 */
export function summarise(lines: Iterable<LedgerLine>): LedgerLine[] {
	const out: LedgerLine[] = [];
	const at = new Map<string, LedgerLine>();
	for (const l of lines) {
		const key =
			l.kind === 'reversal'
				? `${l.component}|reversal|${l.amountMinor < 0 ? '-' : '+'}`
				: `${l.component}|${l.kind}`;
		const s = at.get(key);
		if (s) s.amountMinor += l.amountMinor;
		else {
			const n = { component: l.component, kind: l.kind, amountMinor: l.amountMinor };
			at.set(key, n);
			out.push(n);
		}
	}
	return out;
}

/** The itemised statement (C5): what was charged, what was paid, per component, and the balance. */
export interface Statement {
	charged: Balances;
	/** payments, as positive numbers */
	paid: Balances;
	/** refunds given back, positive */
	refunded: Balances;
	writtenOff: Balances;
	balance: Balances;
	total: number;
}

export function statementOf(lines: Iterable<LedgerLine>): Statement {
	const charged = zeroBalances();
	const paid = zeroBalances();
	const refunded = zeroBalances();
	const writtenOff = zeroBalances();
	const balance = zeroBalances();
	// the column each kind is booked in, and its sign there (payments and write-offs are negative
	// lines, shown positive)
	const column: Record<Exclude<LedgerKind, 'reversal'>, [Balances, 1 | -1]> = {
		charge: [charged, 1],
		payment: [paid, -1],
		refund: [refunded, 1],
		write_off: [writtenOff, -1],
		settlement_discount: [writtenOff, -1]
	};
	for (const l of lines) {
		balance[l.component] += l.amountMinor;
		// a reversal undoes a charge (negative) or a payment (positive): book it where it belongs
		const kind = l.kind !== 'reversal' ? l.kind : l.amountMinor < 0 ? 'charge' : 'payment';
		const [into, sign] = column[kind];
		into[l.component] += sign * l.amountMinor;
	}
	return { charged, paid, refunded, writtenOff, balance, total: totalOf(balance) };
}
