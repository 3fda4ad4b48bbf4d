import type { SubmitFunction } from '@sveltejs/kit';

/**
 * For a form that starts a payment: the hosted payment page may be on another site (Stripe), so
 * a redirect is followed with a full navigation; anything else (a field error) updates the page
 * and keeps what was typed.
 */
export const toGateway: SubmitFunction = () => {
	return async ({ result, update }) => {
		if (result.type === 'redirect') {
			window.location.href = result.location;
			return;
		}
		await update({ reset: false });
	};
};
