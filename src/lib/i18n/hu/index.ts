/** Every Hungarian text (the source language), merged from the area files. */
import common from './common';
import auth from './auth';
import admin from './admin';
import portal from './portal';
import payments from './payments';
import plans from './plans';
import ops from './ops';
import creditor from './creditor';

export default { ...common, ...auth, ...admin, ...portal, ...payments, ...plans, ...ops, ...creditor };
