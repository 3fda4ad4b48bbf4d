import type hu from '../hu/creditor';

const en: Record<keyof typeof hu, string> = {
	'creditor.title': 'creditor'
};

export default en;
