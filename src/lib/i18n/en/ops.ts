import type hu from '../hu/ops';

const en: Record<keyof typeof hu, string> = {
	'ops.title': 'ops'
};

export default en;
