import type hu from '../hu/base';
import common from './common';
import auth from './auth';
import portal from './portal';
import payments from './payments';
import plans from './plans';
import unsubscribe from './unsubscribe';

const en: Record<keyof typeof hu, string> = {
	...common,
	...auth,
	...portal,
	...payments,
	...plans,
	...unsubscribe
};
export default en;
