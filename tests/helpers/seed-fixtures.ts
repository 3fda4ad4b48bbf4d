/** A seeded test database and small SQL readers for the seed tests. */
import { freshDb } from './db';
import { seedDatabase } from '../../src/lib/server/db/seed/generate';
import type { DB } from '../../src/lib/server/db/client';
import { instantAt } from '../../src/lib/domain/clock';

export const NOW = instantAt('2026-03-02', 10);
export const CLAIMS = 300;

export type Row = Record<string, unknown>;
export const all = (db: DB, q: string, ...p: unknown[]) => db.$client.prepare(q).all(...p) as Row[];
export const one = (db: DB, q: string, ...p: unknown[]) => db.$client.prepare(q).get(...p) as Row;
export const num = (db: DB, q: string, ...p: unknown[]) =>
	Number(Object.values(one(db, q, ...p))[0]);

export async function seeded(seed: number, claims = CLAIMS): Promise<DB> {
	const db = freshDb();
	await seedDatabase(db, { seed, claims, now: NOW });
	return db;
}
