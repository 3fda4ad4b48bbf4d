/**
 * Which gateway runs, from the environment. PAYMENT_GATEWAY=demo|stripe; without it, Stripe when
 * STRIPE_SECRET_KEY is set. A production server with neither refuses to start (see hooks.server.ts
 * `init`): it never falls back to demo payments silently. Development and tests default to demo.
 */
export interface PaymentConfig {
	gateway: 'stripe' | 'demo';
	stripeSecretKey?: string;
	stripeWebhookSecret?: string;
	stripeApiHost?: string;
	stripeApiPort?: number;
	stripeApiProtocol?: 'http' | 'https';
}

type Env = Record<string, string | undefined>;

export class PaymentConfigError extends Error {}

export function paymentConfig(env: Env = process.env): PaymentConfig {
	const explicit = env.PAYMENT_GATEWAY?.trim().toLowerCase();
	const key = env.STRIPE_SECRET_KEY?.trim() || undefined;
	let gateway: 'stripe' | 'demo';
	if (explicit === 'demo' || explicit === 'stripe') gateway = explicit;
	else if (explicit)
		throw new PaymentConfigError(`PAYMENT_GATEWAY must be "demo" or "stripe", not "${explicit}".`);
	else if (key) gateway = 'stripe';
	else if (env.NODE_ENV === 'production')
		throw new PaymentConfigError(
			'Rendez will not start: set STRIPE_SECRET_KEY (and STRIPE_WEBHOOK_SECRET) for real payments, or PAYMENT_GATEWAY=demo for demo payments.'
		);
	else gateway = 'demo';
	if (gateway === 'stripe' && !key)
		throw new PaymentConfigError('PAYMENT_GATEWAY=stripe needs STRIPE_SECRET_KEY.');
	// without the webhook secret, asynchronous payments (bank debits) would never be booked
	if (gateway === 'stripe' && env.NODE_ENV === 'production' && !env.STRIPE_WEBHOOK_SECRET?.trim())
		throw new PaymentConfigError(
			'Rendez will not start: STRIPE_WEBHOOK_SECRET is needed with STRIPE_SECRET_KEY (signing secret of the /api/webhooks/stripe endpoint).'
		);
	const protocol =
		env.STRIPE_API_PROTOCOL === 'http'
			? 'http'
			: env.STRIPE_API_PROTOCOL === 'https'
				? 'https'
				: undefined;
	return {
		gateway,
		stripeSecretKey: key,
		stripeWebhookSecret: env.STRIPE_WEBHOOK_SECRET?.trim() || undefined,
		stripeApiHost: env.STRIPE_API_HOST || undefined,
		stripeApiPort: env.STRIPE_API_PORT ? Number(env.STRIPE_API_PORT) : undefined,
		stripeApiProtocol: protocol
	};
}

/** For `init`: the one line to print when payments are not configured, else null. */
export function paymentConfigProblem(env: Env = process.env): string | null {
	try {
		paymentConfig(env);
		return null;
	} catch (e) {
		if (e instanceof PaymentConfigError) return e.message;
		throw e;
	}
}
