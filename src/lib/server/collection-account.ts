/**
 * The agency's collection account, where debtors transfer (the pay page's bank-transfer panel and
 * the payment QR on letters). From the environment, with demo values that pass the IBAN check so
 * a newcomer's demo shows a scannable code; a production deployment sets its own. A value that is
 * set but malformed is an error (never silently the demo account: money would go astray).
 */
import { isValidIban, type CollectionAccount } from '$lib/domain/payment-qr';

export const DEMO_COLLECTION_ACCOUNT: CollectionAccount = {
	name: 'Rendez Követeléskezelő Zrt.',
	bic: 'OTPVHUHB',
	ibanHuf: 'HU42117730161111101800000000',
	ibanEur: 'HU59117730161111102500000000'
};

const BIC = /^[A-Z0-9]{8}([A-Z0-9]{3})?$/;

/** Read each time (cheap), so tests and a restarted server see the current environment. */
export function collectionAccount(): CollectionAccount {
	const env = process.env;
	const pick = (name: string, fallback: string, ok: (s: string) => boolean = (s) => !!s) => {
		const v = env[name]?.trim();
		if (!v) return fallback;
		if (!ok(v)) throw new Error(`${name} is not valid`);
		return v;
	};
	return {
		name: pick('RENDEZ_COLLECTION_NAME', DEMO_COLLECTION_ACCOUNT.name, (s) => s.length <= 70),
		bic: pick('RENDEZ_COLLECTION_BIC', DEMO_COLLECTION_ACCOUNT.bic, (s) => BIC.test(s)),
		ibanHuf: pick('RENDEZ_COLLECTION_IBAN_HUF', DEMO_COLLECTION_ACCOUNT.ibanHuf, isValidIban),
		ibanEur: pick('RENDEZ_COLLECTION_IBAN_EUR', DEMO_COLLECTION_ACCOUNT.ibanEur, isValidIban)
	};
}

/** Checked at server start: null when the account reads well, else one line saying what to fix. */
export function collectionAccountProblem(): string | null {
	try {
		collectionAccount();
		return null;
	} catch (e) {
		return `${(e as Error).message}: the pay page's bank transfer and the letters will fail. Set a valid value or unset it.`;
	}
}
