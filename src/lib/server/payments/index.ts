/** The payment gateway the configuration names (Stripe, or the demo one), built once per process. */
import { paymentConfig, type PaymentConfig } from './config';
import { DemoGateway } from './demo';
import type { PaymentGateway } from './gateway';
import { StripeGateway, stripeClient } from './stripe';

let cached: { gw: PaymentGateway; cfg: PaymentConfig } | undefined;

export function gatewayFromConfig(cfg: PaymentConfig): PaymentGateway {
	return cfg.gateway === 'stripe' ? new StripeGateway(stripeClient(cfg)) : new DemoGateway();
}

export function getGateway(): PaymentGateway {
	if (!cached) {
		const cfg = paymentConfig();
		cached = { gw: gatewayFromConfig(cfg), cfg };
	}
	return cached.gw;
}

export type { PaymentGateway, GatewayEvent } from './gateway';
