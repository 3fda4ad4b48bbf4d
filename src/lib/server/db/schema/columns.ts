import { integer, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { CURRENCIES } from '../../../domain/money';

/** Column helpers every table uses. */
export const id = () => integer('id').primaryKey({ autoIncrement: true });
export const createdAt = () => integer('created_at').notNull();
/** A required reference to a row of another table (`target`: its key column). */
export const ref = (name: string, target: () => AnySQLiteColumn) =>
	integer(name).notNull().references(target);
/** The key of a row that adds to one row of another table (one to one): that row's id. */
export const keyRef = (name: string, target: () => AnySQLiteColumn) =>
	integer(name).primaryKey().references(target);
/** a count, or a sum in minor units, that starts at zero */
export const counter = (name: string) => integer(name).notNull().default(0);
export const currency = () => text('currency', { enum: CURRENCIES }).notNull();
/** the language a debtor is written to in; Hungarian unless they chose otherwise */
export const language = () =>
	text('language', { enum: ['hu', 'en'] })
		.notNull()
		.default('hu');
