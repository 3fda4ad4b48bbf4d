import { integer } from 'drizzle-orm/sqlite-core';

/** Column helpers every table uses. */
export const id = () => integer('id').primaryKey({ autoIncrement: true });
export const createdAt = () => integer('created_at').notNull();
