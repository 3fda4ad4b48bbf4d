import type hu from '../hu/plans';

const en: Record<keyof typeof hu, string> = {
	'plans.title': 'plans'
};

export default en;
