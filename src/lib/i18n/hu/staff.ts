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
import remittance from './remittance';
import messagesStaff from './messages-staff';
import casefile from './casefile';
import opsHome from './ops-home';
import bank from './bank';
import settlementStaff from './settlement-staff';
import letters from './letters';
import creditorApi from './creditor-api';
import calls from './calls';
import audit from './audit';

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
	...remittance,
	...messagesStaff,
	...casefile,
	...opsHome,
	...bank,
	...settlementStaff,
	...letters,
	...creditorApi,
	...calls,
	...audit
};
