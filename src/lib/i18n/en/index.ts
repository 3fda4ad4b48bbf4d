/** Every English text; typed against the Hungarian source so a missing key fails type checking. */
import type { Messages } from '../core';
import common from './common';
import auth from './auth';
import admin from './admin';
import portal from './portal';
import payments from './payments';
import plans from './plans';
import ops from './ops';
import creditor from './creditor';

const en: Messages = { ...common, ...auth, ...admin, ...portal, ...payments, ...plans, ...ops, ...creditor };
export default en;
