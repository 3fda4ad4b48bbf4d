/**
 * The whole Rendez data model. Conventions:
 * - money: integer minor units (`*_minor` columns never hold floats);
 * - instants: integer milliseconds UTC (`*_at`); calendar dates: 'YYYY-MM-DD' text (`*_date`);
 * - business records are never hard-deleted (C12); ledger_entries and audit_log are append-only,
 *   enforced by triggers in the migrations, not only by discipline.
 */

export * from './creditors';
export * from './claims';
export * from './payments';
export * from './plans';
export * from './contact';
export * from './access';
export * from './reports';
export * from './engine';
export * from './messages';
export * from './notes';
export * from './bank';
export * from './api';
