/**
 * Placing claims by CSV. Upload -> a placement job; the jobs worker validates it in chunks
 * (progress in the job row, polled by the page); confirm -> the job goes to 'placing' and the jobs worker places the
 * good rows as a new portfolio in short transactions (`placing.ts`), resumable after a restart.
 * The operators' command line (`npm run import`) runs the very same analysis and placing.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { MAX_FILE_BYTES, type RowError } from '$lib/domain/placement';
import {
	analyse,
	analyseAll,
	estimateRows,
	type Analysis,
	type FileError
} from '$lib/domain/placement-file';
import { localDate } from '$lib/domain/clock';
import type { DB } from '../db/client';
import { placementFiles, placementJobs } from '../db/schema';
import { clock } from '../clock';
import { jobQueued } from '../jobs/queue';
import { audit, updateAudited } from './audit';
import { writeTx } from './tx';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors';
import { jobActor, jobIdsIn, referenceHolder, runPlacement, type PlacementResult } from './placing';
import { creditorIdOf } from './actor';
import { creditorRow } from './creditor-scope';

export { MAX_STORED_ERRORS, type Analysis, type FileError } from '$lib/domain/placement-file';
export type { PlacementResult } from './placing';
export { placementTemplate } from '$lib/domain/placement';

/**
 * Whether a claim with the reference exists, the creditor's own or another's, case, spaces and
 * `-./_` aside (`referenceHolder`): a reference goes on transfers, and one that two claims share
 * cannot be matched to a payment, so it is refused.
 */
function existsFn(db: DB, _creditorId: number) {
	const holder = referenceHolder(db);
	return (ref: string) => holder(ref) !== undefined;
}

/** Runs the analysis to the end without yielding. */
export function analyseNow(db: DB, creditorId: number, bytes: Uint8Array): Analysis {
	return analyseAll(bytes, existsFn(db, creditorId), localDate(clock().now()));
}

// ---------------------------------------------------------------------------------------------
// Jobs

type JobRow = typeof placementJobs.$inferSelect;

export interface JobView {
	id: number;
	fileName: string;
	portfolioName: string;
	status: JobRow['status'];
	totalRows: number;
	processedRows: number;
	goodRows: number;
	badRows: number;
	/** while placing: rows placed so far */
	placedRows: number;
	errors: RowError[];
	fileError: FileError | null;
	portfolioId: number | null;
	createdAt: number;
}

function toView(r: JobRow, withErrors = true): JobView {
	return {
		id: r.id,
		fileName: r.fileName,
		portfolioName: r.portfolioName,
		status: r.status,
		totalRows: r.totalRows,
		processedRows: r.processedRows,
		goodRows: r.goodRows,
		badRows: r.badRows,
		placedRows: r.placedRows,
		errors: withErrors ? (JSON.parse(r.errorsJson) as RowError[]) : [],
		fileError: r.fileErrorKey
			? {
					key: r.fileErrorKey,
					params: r.fileErrorParams ? JSON.parse(r.fileErrorParams) : undefined
				}
			: null,
		portfolioId: r.portfolioId,
		createdAt: r.createdAt
	};
}

export interface UploadInput {
	fileName: string;
	portfolioName: string;
	bytes: Uint8Array;
}

/** Stores an upload as a job in 'validating'; run `validateJob` next. */
export function createPlacementJob(db: DB, actor: Actor, input: UploadInput): number {
	const creditorId = creditorIdOf(actor);
	const fields: ValidationError['fields'] = {};
	const name = input.portfolioName.trim();
	if (name === '') fields.portfolioName = { key: 'form.required' };
	else if (name.length > 100)
		fields.portfolioName = {
			key: 'placement.err.tooLong',
			params: { column: 'portfolio', max: 100 }
		};
	if (input.bytes.length === 0) fields.file = { key: 'placement.fileRequired' };
	else if (input.bytes.length > MAX_FILE_BYTES)
		fields.file = { key: 'csv.tooLarge', params: { mb: MAX_FILE_BYTES / 1024 / 1024 } };
	if (Object.keys(fields).length > 0) throw new ValidationError(fields);
	const id = writeTx(db, () =>
		insertJob(
			db,
			actor,
			{
				creditorId,
				fileName: input.fileName.slice(0, 200),
				portfolioName: name,
				status: 'validating',
				totalRows: estimateRows(input.bytes)
			},
			input.bytes,
			{ action: 'placement.upload', after: {} }
		)
	);
	jobQueued(); // the jobs worker validates it
	return id;
}

/**
 * A new placement job and its file, audited (`after` adds to the file's size); in the caller's
 * transaction. The uploader is the creditor user, if it is one.
 */
function insertJob(
	db: DB,
	actor: Actor,
	job: Omit<typeof placementJobs.$inferInsert, 'userId' | 'createdAt'>,
	bytes: Uint8Array,
	log: { action: 'placement.upload' | 'placement.import'; after: Record<string, number> }
): number {
	const { id } = db
		.insert(placementJobs)
		.values({
			...job,
			userId: actor.kind === 'creditor' ? actor.userId : null,
			createdAt: clock().now()
		})
		.returning({ id: placementJobs.id })
		.get();
	db.insert(placementFiles)
		.values({ jobId: id, content: Buffer.from(bytes) })
		.run();
	audit(db, actor, {
		action: log.action,
		entity: 'placement_job',
		entityId: id,
		after: { bytes: bytes.length, ...log.after }
	});
	return id;
}

function jobRow(db: DB, creditorId: number, id: number): JobRow {
	return creditorRow(db, creditorId, placementJobs, id, 'placement');
}

const contentOf = (db: DB, id: number): Buffer =>
	db
		.select({ content: placementFiles.content })
		.from(placementFiles)
		.where(eq(placementFiles.jobId, id))
		.get()!.content;

export function getPlacementJob(db: DB, actor: Actor, id: number, withErrors = true): JobView {
	return toView(jobRow(db, creditorIdOf(actor), id), withErrors);
}

export function listPlacementJobs(db: DB, actor: Actor, limit = 20): JobView[] {
	const creditorId = creditorIdOf(actor);
	return db
		.select()
		.from(placementJobs)
		.where(eq(placementJobs.creditorId, creditorId))
		.orderBy(desc(placementJobs.id))
		.limit(limit)
		.all()
		.map((r) => toView(r, false));
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The validation of a job: records progress after each chunk (and yields there), then the
 * outcome. Read-only until then.
 */
function* validation(db: DB, actor: Actor, creditorId: number, id: number): Generator<void> {
	const gen = analyse(contentOf(db, id), existsFn(db, creditorId), localDate(clock().now()));
	let result: Analysis;
	for (;;) {
		const step = gen.next();
		if (step.done) {
			result = step.value;
			break;
		}
		db.update(placementJobs)
			.set({ processedRows: step.value.processed })
			.where(eq(placementJobs.id, id))
			.run();
		yield;
	}
	writeTx(db, () => {
		const recorded = db
			.update(placementJobs)
			.set({
				status: result.fileError ? 'failed' : 'ready',
				totalRows: result.total,
				processedRows: result.total,
				goodRows: result.good.length,
				badRows: result.badRows,
				errorsJson: JSON.stringify(result.errors),
				fileErrorKey: result.fileError?.key ?? null,
				fileErrorParams: result.fileError?.params ? JSON.stringify(result.fileError.params) : null,
				finishedAt: clock().now()
			})
			.where(and(eq(placementJobs.id, id), eq(placementJobs.status, 'validating')))
			.run();
		if (recorded.changes === 0) return; // another runner recorded it first
		audit(db, actor, {
			action: 'placement.validate',
			entity: 'placement_job',
			entityId: id,
			after: {
				total: result.total,
				good: result.good.length,
				bad: result.badRows,
				fileError: result.fileError?.key ?? null
			}
		});
	});
}

/** Validates a job here, yielding to other work between chunks (tests, scripts). */
export async function validateJob(db: DB, actor: Actor, id: number): Promise<JobView> {
	const creditorId = creditorIdOf(actor);
	const job = jobRow(db, creditorId, id);
	if (job.status !== 'validating') return toView(job);
	const steps = validation(db, actor, creditorId, id);
	while (!steps.next().done) await tick();
	return getPlacementJob(db, actor, id);
}

/** Validates a job to the end (the jobs worker does this for every upload). */
export function runValidation(db: DB, id: number): void {
	const job = db.select().from(placementJobs).where(eq(placementJobs.id, id)).get();
	if (!job || job.status !== 'validating') return;
	const steps = validation(db, jobActor(job), job.creditorId, id);
	while (!steps.next().done);
}

/** Uploads still to be validated (the worker takes them up, also after a restart). */
export function unvalidatedJobs(db: DB): number[] {
	return jobIdsIn(db, 'validating');
}

export function cancelPlacement(db: DB, actor: Actor, id: number): void {
	const creditorId = creditorIdOf(actor);
	writeTx(db, () => {
		const job = jobRow(db, creditorId, id);
		if (job.status !== 'ready' && job.status !== 'failed')
			throw new ConflictError('placement.notReady');
		updateAudited(db, actor, placementJobs, id, {
			set: { status: 'cancelled', finishedAt: clock().now() },
			audit: {
				action: 'placement.cancel',
				entity: 'placement_job',
				before: { status: job.status },
				after: { status: 'cancelled' }
			}
		});
	});
}

/**
 * Confirms a validated job: it goes to 'placing' and the jobs worker places it (re-checking each
 * row against the database as it is then). Quick: nothing is placed on the request's thread.
 */
export function startPlacement(db: DB, actor: Actor, id: number): void {
	const creditorId = creditorIdOf(actor);
	writeTx(db, () => {
		const job = jobRow(db, creditorId, id);
		if (job.status !== 'ready') throw new ConflictError('placement.notReady');
		if (job.goodRows === 0) throw new ConflictError('placement.nothingToPlace');
		updateAudited(db, actor, placementJobs, id, {
			set: { status: 'placing' },
			audit: {
				action: 'placement.confirm',
				entity: 'placement_job',
				before: { status: 'ready' },
				after: { status: 'placing' }
			}
		});
	});
	jobQueued();
}

/**
 * A bigger page cache while a placement writes ~10 index entries per row into tables of a million
 * rows (measured on the 1M-claim bench: 7.2 s -> 4.2 s for 100k rows); back to normal afterwards.
 */
export function withPlacementCache<T>(db: DB, fn: () => T): T {
	const c = db.$client;
	const prev = c.pragma('cache_size', { simple: true }) as number;
	c.pragma('cache_size = -262144');
	try {
		return fn();
	} finally {
		c.pragma(`cache_size = ${prev}`);
	}
}

/** The outcome of a job placed to the end; a job that failed throws its reason. */
function resultOf(db: DB, id: number): PlacementResult {
	const j = db.select().from(placementJobs).where(eq(placementJobs.id, id)).get()!;
	if (j.status !== 'placed' || j.portfolioId == null)
		throw new ConflictError(j.fileErrorKey ?? 'placement.notReady');
	return {
		portfolioId: j.portfolioId,
		placed: j.placedRows,
		skipped: j.badRows,
		debtorsCreated: j.debtorsCreated,
		debtorsMatched: j.debtorsMatched
	};
}

/**
 * Confirms and places a job right here, to the end (tests, scripts): the same chunks the worker
 * runs.
 */
export function confirmPlacement(db: DB, actor: Actor, id: number): PlacementResult {
	startPlacement(db, actor, id);
	withPlacementCache(db, () => runPlacement(db, id));
	return resultOf(db, id);
}

/**
 * The operators' import (scripts/import.ts): analyse, then (unless `dryRun`) store the file as a
 * job and place its good rows in the same resumable chunks as a confirmed upload. Acts for the
 * given creditor.
 */
export function importFile(
	db: DB,
	actor: Actor,
	input: { creditorId: number; portfolioName: string; bytes: Uint8Array; dryRun?: boolean }
): { analysis: Omit<Analysis, 'good'> & { good: number }; result: PlacementResult | null } {
	if (actor.kind === 'creditor' && actor.creditorId !== input.creditorId)
		throw new NotFoundError('creditor');
	if (actor.kind !== 'creditor' && actor.kind !== 'admin' && actor.kind !== 'system')
		throw new ForbiddenError();
	const exists = db.$client.prepare('SELECT 1 FROM creditors WHERE id = ?').get(input.creditorId);
	if (!exists) throw new NotFoundError('creditor');
	const a = analyseNow(db, input.creditorId, input.bytes);
	const summary = { ...a, good: a.good.length };
	if (a.fileError || a.good.length === 0 || input.dryRun)
		return { analysis: summary, result: null };
	const id = writeTx(db, () =>
		insertJob(
			db,
			actor,
			{
				creditorId: input.creditorId,
				fileName: 'import',
				portfolioName: input.portfolioName,
				status: 'placing',
				totalRows: a.total,
				processedRows: a.total,
				goodRows: a.good.length,
				badRows: a.badRows
			},
			input.bytes,
			{ action: 'placement.import', after: { good: a.good.length, bad: a.badRows } }
		)
	);
	withPlacementCache(db, () => runPlacement(db, id));
	try {
		return { analysis: summary, result: resultOf(db, id) };
	} catch (e) {
		if (e instanceof ConflictError) return { analysis: summary, result: null };
		throw e;
	}
}
