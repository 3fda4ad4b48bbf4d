/** The operator's answer to a dispute, as its form sends it (ops/disputes). */
import { z } from 'zod';
import { DISPUTE_OUTCOMES } from '$lib/domain/dispute-correction';
import type { Currency } from '$lib/domain/money';
import { MAX, componentAmountFields, componentAmounts, textField } from '$lib/server/http';

/**
 * The answer's length rule (at least a few words) and the limits of a correction (at most what is
 * outstanding, something left owed) are the service's. The amounts to take off are read only
 * when the amount is corrected (the fields are on the form whatever is chosen, for use without JS).
 */
export const answerSchema = (currency: Currency) =>
	z
		.object({
			outcome: z.enum(DISPUTE_OUTCOMES, 'form.required'),
			answer: textField(MAX.text, { optional: true }),
			...componentAmountFields
		})
		.transform(({ outcome, answer, ...amounts }, ctx) => ({
			outcome,
			answer,
			writeOff: outcome === 'corrected' ? componentAmounts(amounts, currency, ctx) : undefined
		}));
