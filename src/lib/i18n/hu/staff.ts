/** Texts only staff areas need (/admin, /ops, /creditor): debtors' phones never download them. */
import admin from './admin';
import ops from './ops';
import creditor from './creditor';

export default { ...admin, ...ops, ...creditor };
