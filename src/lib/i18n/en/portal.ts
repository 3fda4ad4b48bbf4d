import type hu from '../hu/portal';

const en: Record<keyof typeof hu, string> = {
	'portal.title': 'portal'
};

export default en;
