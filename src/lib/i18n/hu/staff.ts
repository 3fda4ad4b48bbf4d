/** Texts only staff areas need (/admin, /ops, /creditor): debtors' phones never download them. */
import admin from './admin';
import ops from './ops';
import creditor from './creditor';
import plansStaff from './plans-staff';
import paymentsStaff from './payments-staff';
import portalStaff from './portal-staff';
import strategy from './strategy';
import tasks from './tasks';
import holds from './holds';
import engineOps from './engine-ops';
import handover from './handover';
import search from './search';
import calls from './calls';

export default {
	...admin,
	...ops,
	...creditor,
	...plansStaff,
	...paymentsStaff,
	...portalStaff,
	...strategy,
	...tasks,
	...holds,
	...engineOps,
	...handover,
	...search,
	...calls
};
