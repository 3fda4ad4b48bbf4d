import type hu from '../hu/auth';

const en: Record<keyof typeof hu, string> = {
	'auth.title': 'auth'
};

export default en;
