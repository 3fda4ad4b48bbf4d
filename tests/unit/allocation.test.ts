import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocate, DEFAULT_ORDER, parseOrder } from '../../src/lib/domain/allocation';
import {
	balancesOf,
	statementOf,
	summarise,
	totalOf,
	type Balances,
	type Component
} from '../../src/lib/domain/ledger';

const balances = fc.record({
	principal: fc.integer({ min: 0, max: 100_000_000 }),
	interest: fc.integer({ min: 0, max: 10_000_000 }),
	fee: fc.integer({ min: 0, max: 1_000_000 }),
	cost: fc.integer({ min: 0, max: 1_000_000 })
});

describe('allocate (Civil Code 6:46)', () => {
	it('pays costs, then fees, then interest, then principal', () => {
		const open: Balances = { principal: 100_000, interest: 20_000, fee: 5_000, cost: 3_000 };
		expect(allocate(10_000, open)).toEqual({
			parts: { cost: 3_000, fee: 5_000, interest: 2_000, principal: 0 },
			overpayment: 0
		});
		expect(allocate(200_000, open)).toEqual({ parts: open, overpayment: 72_000 });
	});

	it('never loses or invents a minor unit, never overpays a component, honours the order', () => {
		fc.assert(
			fc.property(balances, fc.integer({ min: 0, max: 150_000_000 }), (open, amount) => {
				const { parts, overpayment } = allocate(amount, open);
				expect(totalOf(parts) + overpayment).toBe(amount);
				for (const c of DEFAULT_ORDER) {
					expect(parts[c]).toBeGreaterThanOrEqual(0);
					expect(parts[c]).toBeLessThanOrEqual(open[c]);
				}
				// a later component only gets money once every earlier one is fully paid
				DEFAULT_ORDER.forEach((c, i) => {
					if (parts[c] > 0)
						DEFAULT_ORDER.slice(0, i).forEach((e) => expect(parts[e]).toBe(open[e]));
				});
				expect(overpayment).toBe(Math.max(0, amount - totalOf(open)));
			})
		);
	});

	it('paying in two steps ends where paying at once does', () => {
		fc.assert(
			fc.property(
				balances,
				fc.integer({ min: 0, max: 50_000_000 }),
				fc.integer({ min: 0, max: 50_000_000 }),
				(open, a, b) => {
					const first = allocate(a, open);
					const after = Object.fromEntries(
						Object.entries(open).map(([k, v]) => [k, v - first.parts[k as Component]])
					) as Balances;
					const second = allocate(b, after);
					const once = allocate(a + b, open);
					for (const c of DEFAULT_ORDER)
						expect(first.parts[c] + second.parts[c]).toBe(once.parts[c]);
				}
			)
		);
	});

	it("follows a creditor's own order when its contract says so (C6)", () => {
		const order = parseOrder('principal,interest,fee,cost');
		expect(
			allocate(5_000, { principal: 4_000, interest: 4_000, fee: 0, cost: 1 }, order).parts
		).toEqual({ principal: 4_000, interest: 1_000, fee: 0, cost: 0 });
		expect(parseOrder('nonsense')).toEqual([...DEFAULT_ORDER]);
	});

	it('refuses negative or fractional amounts', () => {
		expect(() => allocate(-1, balancesOf([]))).toThrow();
		expect(() => allocate(0.5, balancesOf([]))).toThrow();
	});
});

describe('ledger statement (C5)', () => {
	it('charged - paid + refunded - written off = balance, per component', () => {
		const kinds = ['charge', 'payment', 'refund', 'write_off', 'reversal'] as const;
		// payments and write-offs are negative; a reversal is either (it undoes a charge or a payment)
		const line = fc
			.record({
				component: fc.constantFrom(...DEFAULT_ORDER),
				kind: fc.constantFrom(...kinds),
				amountMinor: fc.integer({ min: 1, max: 1_000_000 }),
				negative: fc.boolean()
			})
			.map(({ negative, ...l }) => ({
				...l,
				amountMinor:
					l.kind === 'payment' || l.kind === 'write_off' || (l.kind === 'reversal' && negative)
						? -l.amountMinor
						: l.amountMinor
			}));
		fc.assert(
			fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
				const s = statementOf(lines);
				for (const c of DEFAULT_ORDER) {
					expect(s.charged[c] - s.paid[c] + s.refunded[c] - s.writtenOff[c]).toBe(s.balance[c]);
				}
				expect(s.total).toBe(lines.reduce((a, l) => a + l.amountMinor, 0));
				// the page gets the lines summed per component and kind: the same statement, in few lines
				const short = summarise(lines);
				expect(statementOf(short)).toEqual(s);
				expect(short.length).toBeLessThanOrEqual(DEFAULT_ORDER.length * (kinds.length + 1));
			})
		);
	});
});
