import type hu from '../hu/staff';
import admin from './admin';
import ops from './ops';
import creditor from './creditor';

const en: Record<keyof typeof hu, string> = { ...admin, ...ops, ...creditor };
export default en;
