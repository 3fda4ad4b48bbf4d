/**
 * The API's response shapes as zod schemas, and the OpenAPI 3.1 document built from them
 * (`/api/v1/openapi.json`). The tests parse real responses with these same schemas (strictly: an
 * undocumented field fails), so the document cannot drift from what the API answers.
 */
import { z } from 'zod';
import { WEBHOOK_EVENTS } from '$lib/domain/webhooks';

export const ClaimSchema = z.strictObject({
	id: z.number().int(),
	reference: z.string(),
	currency: z.enum(['HUF', 'EUR']),
	status: z.enum(['open', 'in_plan', 'disputed', 'paid', 'closed']),
	stage: z.string(),
	closeReason: z.string().nullable(),
	placedDate: z.string(),
	dueDate: z.string(),
	placedMinor: z.number().int(),
	collectedMinor: z.number().int(),
	balanceMinor: z.number().int(),
	portfolioId: z.number().int()
});

export const ClaimPageSchema = z.strictObject({
	data: z.array(ClaimSchema),
	next: z.number().int().nullable()
});

export const PlacedSchema = z.strictObject({ claim: ClaimSchema, created: z.boolean() });

export const BalanceSchema = z.strictObject({
	claimId: z.number().int(),
	currency: z.enum(['HUF', 'EUR']),
	principalMinor: z.number().int(),
	interestMinor: z.number().int(),
	feeMinor: z.number().int(),
	costMinor: z.number().int(),
	totalMinor: z.number().int()
});

export const PaymentsSchema = z.strictObject({
	data: z.array(
		z.strictObject({
			id: z.number().int(),
			amountMinor: z.number().int(),
			currency: z.string(),
			method: z.string(),
			status: z.string(),
			receiptNumber: z.string().nullable(),
			createdAt: z.number().int(),
			completedAt: z.number().int().nullable()
		})
	)
});

export const EventsSchema = z.strictObject({
	data: z.array(
		z.strictObject({
			type: z.literal('stage'),
			stage: z.string(),
			at: z.string(),
			leftAt: z.string().nullable(),
			outcome: z.string().nullable()
		})
	)
});

export const ErrorSchema = z.strictObject({
	error: z.object({ code: z.string(), message: z.string() }).loose()
});

const schema = (s: z.ZodType) => z.toJSONSchema(s, { target: 'draft-2020-12' });
const ok = (description: string, s: z.ZodType) => ({
	description,
	content: { 'application/json': { schema: schema(s) } }
});
const errors = {
	'401': ok('No valid API key', ErrorSchema),
	'404': ok('Not found (or another creditor’s)', ErrorSchema),
	'429': ok('Rate limited (see Retry-After)', ErrorSchema)
};
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } };
/** A GET on one claim (`{id}`) answered with `answer`. */
const claimGet = (summary: string, description: string, answer: z.ZodType) => ({
	get: { summary, parameters: [idParam], responses: { '200': ok(description, answer), ...errors } }
});

/** A placed claim's amount: forints or euros, '.' the decimal mark, at most two decimals. */
const amountIn = {
	oneOf: [
		{ type: 'number', minimum: 0, multipleOf: 0.01 },
		{ type: 'string', pattern: '^[0-9]+(\\.[0-9]{1,2})?$' }
	]
};
const placeBody = {
	type: 'object',
	properties: Object.fromEntries(
		['principal', 'interest', 'fees', 'costs', 'total'].map((c) => [c, amountIn])
	)
};

/** The OpenAPI document of /api/v1. */
export function openApiDocument(origin: string) {
	return {
		openapi: '3.1.0',
		info: {
			title: 'Rendez creditor API',
			version: '1.0.0',
			description: `Amounts in answers are integer minor units (fillér, cent). Amounts you send when placing a claim (principal, interest, fees, costs, total) are in forints or euros: a JSON number or a string of digits with an optional '.' and at most two decimals (1500, "1500", "1065.50"); no thousands separators, no decimal comma (the CSV upload reads those, the API refuses them); HUF amounts are whole forints. Authenticate with an API key made on the creditor site: "Authorization: Bearer rk_…". Write calls need a read-write key and may carry an Idempotency-Key header. Webhooks are signed: header Rendez-Signature "t=<unix seconds>,v1=<hex HMAC-SHA256 of '<t>.<body>' with the endpoint's secret>". Events: ${WEBHOOK_EVENTS.join(', ')}.`
		},
		servers: [{ url: `${origin}/api/v1` }],
		components: {
			securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }
		},
		security: [{ bearer: [] }],
		paths: {
			'/claims': {
				get: {
					summary: 'List your claims, in id order',
					parameters: [
						{ name: 'after', in: 'query', schema: { type: 'integer' } },
						{ name: 'limit', in: 'query', schema: { type: 'integer', maximum: 500 } }
					],
					responses: { '200': ok('A page of claims', ClaimPageSchema), ...errors }
				},
				post: {
					summary:
						'Place a claim (the CSV template’s columns as JSON fields; idempotent by your reference)',
					parameters: [{ name: 'Idempotency-Key', in: 'header', schema: { type: 'string' } }],
					requestBody: {
						required: true,
						content: { 'application/json': { schema: placeBody } }
					},
					responses: {
						'201': ok('Placed', PlacedSchema),
						'200': ok('Already placed under this reference', PlacedSchema),
						'422': ok(
							'Invalid fields: error.fields names each refused field with a code, error.messages the same in words (Hungarian with Accept-Language: hu, else English)',
							ErrorSchema
						),
						...errors
					}
				}
			},
			'/claims/{id}': claimGet('One claim', 'The claim', ClaimSchema),
			'/claims/{id}/balance': claimGet(
				'The claim’s balance per component',
				'The balance',
				BalanceSchema
			),
			'/claims/{id}/payments': claimGet('Payments posted to the claim', 'Payments', PaymentsSchema),
			'/claims/{id}/events': claimGet('The claim’s stage history', 'Events', EventsSchema),
			'/claims/{id}/recall': {
				post: {
					summary: 'Recall the claim: all collection stops at once',
					parameters: [idParam],
					requestBody: {
						required: true,
						content: {
							'application/json': {
								schema: {
									type: 'object',
									required: ['reason'],
									properties: { reason: { type: 'string', maxLength: 500 } }
								}
							}
						}
					},
					responses: {
						'200': ok('Recalled', ClaimSchema),
						'409': ok('Already paid or closed', ErrorSchema),
						...errors
					}
				}
			}
		}
	};
}
