import { integer, text } from 'drizzle-orm/sqlite-core';
import { CURRENCIES } from '../../../domain/money';

/** Column helpers every table uses. */
export const id = () => integer('id').primaryKey({ autoIncrement: true });
export const createdAt = () => integer('created_at').notNull();
export const currency = () => text('currency', { enum: CURRENCIES }).notNull();
/** the language a debtor is written to in; Hungarian unless they chose otherwise */
export const language = () =>
	text('language', { enum: ['hu', 'en'] })
		.notNull()
		.default('hu');
