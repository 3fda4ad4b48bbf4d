/** Texts every visitor's pages need (landing, sign-in, debtor portal, plans). */
import common from './common';
import auth from './auth';
import portal from './portal';
import payments from './payments';
import plans from './plans';
import unsubscribe from './unsubscribe';

export default { ...common, ...auth, ...portal, ...payments, ...plans, ...unsubscribe };
