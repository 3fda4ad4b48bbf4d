/**
 * The demo gateway (PAYMENT_GATEWAY=demo): a local hosted page at /pay/demo/<paymentId> where the
 * user approves or declines. Its answer becomes a GatewayEvent for the same `reconcile`.
 */
import type {
	ExpireResult,
	GatewayEvent,
	HostedPage,
	HostedPageRequest,
	PaymentGateway,
	RefundRequest,
	RefundResult
} from './gateway';

export class DemoGateway implements PaymentGateway {
	readonly name = 'demo' as const;

	async createHostedPage(req: HostedPageRequest): Promise<HostedPage> {
		return { providerRef: `demo_cs_${req.paymentId}`, url: `/pay/demo/${req.paymentId}` };
	}

	async refund(req: RefundRequest): Promise<RefundResult> {
		return { providerRef: `demo_re_${req.refundId}`, status: 'succeeded' };
	}

	/**
	 * The demo page is answered at once (approve or decline books it), so an unanswered page was
	 * never completed. Its state is our payment row: once startPayment marks it expired, the page
	 * takes no answer and a late approval is recorded as already final, booking nothing.
	 */
	async expireHostedPage(providerRef: string): Promise<ExpireResult> {
		void providerRef;
		return 'expired';
	}
}

/** The event the demo page produces; one per payment and answer, so a resubmitted form is a repeat. */
export function demoEvent(
	p: { id: number; amountMinor: number; currency: string },
	answer: 'approve' | 'decline'
): GatewayEvent {
	return {
		provider: 'demo',
		eventId: `demo_${p.id}_${answer}`,
		type: answer === 'approve' ? 'demo.approved' : 'demo.declined',
		outcome: answer === 'approve' ? 'succeeded' : 'failed',
		paymentId: p.id,
		amountMinor: p.amountMinor,
		currency: p.currency,
		providerRef: `demo_cs_${p.id}`,
		providerPaymentRef: `demo_pi_${p.id}`
	};
}
