import type hu from '../hu/payments';

const en: Record<keyof typeof hu, string> = {
	'payments.title': 'payments'
};

export default en;
