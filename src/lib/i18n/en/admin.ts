import type hu from '../hu/admin';

const en: Record<keyof typeof hu, string> = {
	'admin.title': 'admin'
};

export default en;
