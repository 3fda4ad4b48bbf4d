/**
 * Placing a confirmed CSV job: the good rows become claims of a new portfolio, in chunks of short
 * transactions so that the server keeps answering while 100k rows go in. Runs in the jobs worker
 * thread (src/lib/server/jobs/), or straight through in scripts and tests.
 *
 * Resumable after a kill -9: each chunk writes its claims, ledger charges and stage events and,
 * in the same transaction, moves the job's `placed_line` past its last row. A restart re-reads the
 * (unchanged) file and goes on after that line, so no row is placed twice or half.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import { systemActor } from '$lib/domain/actor';
import { referenceKey, REFERENCE_KEY_SQL } from '$lib/domain/bank-statement';
import { localDate } from '$lib/domain/clock';
import { analyseAll } from '$lib/domain/placement-file';
import type { PlacementRow } from '$lib/domain/placement';
import type { DB } from '../db/client';
import { placementFiles, placementJobs } from '../db/schema';
import { clock } from '../clock';
import { audit } from './audit';
import { ValidationError } from './errors';
import { placementAssigner } from './strategy-versions';
import { writeTx } from './tx';

/**
 * Rows per transaction: ~25 ms of writing each (about 50 µs a row on a million-claim database),
 * so a request that must write waits at most that long for the lock.
 */
export const PLACE_CHUNK = 500;

export interface PlacementResult {
	portfolioId: number;
	placed: number;
	skipped: number;
	debtorsCreated: number;
	debtorsMatched: number;
}

type Job = typeof placementJobs.$inferSelect;

const jobMeta = (db: DB, jobId: number) =>
	db.select().from(placementJobs).where(eq(placementJobs.id, jobId)).get();

/** Who confirmed the job: the creditor user for the audit trail, or the import script. */
export function jobActor(job: Pick<Job, 'creditorId' | 'userId'>): Actor {
	return job.userId != null
		? { kind: 'creditor', userId: job.userId, creditorId: job.creditorId }
		: systemActor('import');
}

/**
 * The claim, any creditor's, whose reference is the given one as the bank import reads transfers:
 * case, spaces, dashes, dots, slashes and underscores aside (`referenceKey`; the lookup uses the
 * claims_reference_key_idx index). A reference the same as another claim's by that reading cannot
 * be matched to a payment (the import finds two claims and leaves the transfer), so it is refused
 * wherever a claim is placed. An exact match comes first (the API's repeated request).
 */
export function referenceHolder(db: DB) {
	const key = REFERENCE_KEY_SQL('reference');
	const stmt = db.$client.prepare(
		`SELECT id, creditor_id AS creditorId, reference FROM claims WHERE ${key} = ?
		 ORDER BY reference = ? DESC LIMIT 1`
	);
	return (reference: string) =>
		stmt.get(referenceKey(reference), reference) as
			{ id: number; creditorId: number; reference: string } | undefined;
}

/** The prepared statements of one chunk (prepared once per run). */
function statements(db: DB) {
	const c = db.$client;
	return {
		holder: referenceHolder(db),
		portfolio: c.prepare(
			'INSERT INTO portfolios (creditor_id, name, placed_date, created_at) VALUES (?, ?, ?, ?)'
		),
		findPerson: c
			.prepare(
				`SELECT id FROM debtors d WHERE kind = 'person' AND name = ? AND birth_date = ? ${JOINABLE}`
			)
			.pluck(),
		findCompany: c
			.prepare(`SELECT id FROM debtors d WHERE kind = 'company' AND tax_number = ? ${JOINABLE}`)
			.pluck(),
		insDebtor: c.prepare(
			`INSERT INTO debtors (kind, name, birth_date, tax_number, postal_code, city, address, email, phone, language, created_at)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'hu', ?)`
		),
		insClaim: c.prepare(
			`INSERT INTO claims (creditor_id, portfolio_id, debtor_id, reference, description, currency, placed_date, due_date, stage, stage_changed_at, status, placed_minor, balance_minor, collected_minor, created_at)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, 'open', ?, ?, 0, ?)`
		),
		// what this creditor supplied about the debtor, kept per claim: its pages read only this, never
		// the matched record, which may hold another creditor's data (schema: claimDebtors); it
		// replaces the row the claims trigger starts from that record
		insSupplied: c.prepare(
			`INSERT OR REPLACE INTO claim_debtors (claim_id, creditor_id, kind, name, birth_date, tax_number, postal_code, city, address, email, phone)
			 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
		),
		insLedger: c.prepare(
			`INSERT INTO ledger_entries (claim_id, component, kind, amount_minor, effective_date, memo, created_at) VALUES (?, ?, 'charge', ?, ?, 'placement', ?)`
		),
		insStage: c.prepare(
			`INSERT INTO claim_stage_events (claim_id, stage, entered_at) VALUES (?, 'new', ?)`
		)
	};
}
type Statements = ReturnType<typeof statements>;

/**
 * Which debtor record of the same identity a placed row may join (the parameters: the row's
 * contacts, then its creditor). The record's contacts are where every claim of it is sent, so a
 * creditor's row joins a record only if the record holds no other creditor's claim, or its contacts
 * are exactly the row's: otherwise one creditor's data (a wrong or a planted e-mail, phone or
 * address) would receive another creditor's reminders and the portal links in them. Such a person
 * then has a record per set of contacts (a stop on an address holds for all: dispatcher-claim.ts).
 */
const JOINABLE = `AND anonymized_at IS NULL
	AND ((lower(email) IS lower(?) AND phone IS ? AND postal_code = ? AND city = ? AND address = ?)
	     OR NOT EXISTS (SELECT 1 FROM claims c WHERE c.debtor_id = d.id AND c.creditor_id <> ?))
	ORDER BY id LIMIT 1`;

/** The row's debtor as the debtor record and the claim's supplied copy both store it, in column order. */
const identityOf = (r: PlacementRow) =>
	[
		r.debtorType,
		r.debtorName,
		r.birthDate,
		r.taxNumber,
		r.postalCode,
		r.city,
		r.address,
		r.email,
		r.phone
	] as const;

/**
 * The debtor of a placed row: an existing one matched by identity (persons by name and birth
 * date, companies by tax number) that the row may join (JOINABLE), else a new one from the row.
 * All per-row debtor matching and storing is here.
 */
function debtorFor(
	s: Statements,
	creditorId: number,
	r: PlacementRow,
	now: number
): { id: number; created: boolean } {
	const contacts = [r.email, r.phone, r.postalCode, r.city, r.address, creditorId] as const;
	const found = (
		r.debtorType === 'company'
			? s.findCompany.get(r.taxNumber, ...contacts)
			: s.findPerson.get(r.debtorName, r.birthDate, ...contacts)
	) as number | undefined;
	if (found !== undefined) return { id: found, created: false };
	const id = s.insDebtor.run(...identityOf(r), now).lastInsertRowid as number;
	return { id, created: true };
}

/**
 * One claim with its charges and 'new' stage event. Same arithmetic as postEntries: the claim's
 * cached balance equals the sum of the charges written with it.
 */
function insertClaim(
	s: Statements,
	creditorId: number,
	portfolioId: number,
	debtorId: number,
	r: PlacementRow,
	today: string,
	now: number
): number {
	const charges: [string, number][] = [
		['principal', r.principalMinor],
		['interest', r.interestMinor],
		['fee', r.feesMinor],
		['cost', r.costsMinor]
	];
	const balance = charges.reduce((a, [, m]) => a + m, 0);
	const claimId = s.insClaim.run(
		creditorId,
		portfolioId,
		debtorId,
		r.reference,
		r.description,
		r.currency,
		today,
		r.dueDate,
		now,
		r.totalMinor,
		balance,
		now
	).lastInsertRowid as number;
	s.insSupplied.run(claimId, creditorId, ...identityOf(r));
	for (const [component, minor] of charges)
		if (minor !== 0) s.insLedger.run(claimId, component, minor, today, now);
	s.insStage.run(claimId, now);
	return claimId;
}

/**
 * Places one chunk and records it, in one transaction. Returns false when the job is no longer
 * where this runner left it (another runner moved it on, or it is not placing any more).
 */
function placeChunk(db: DB, s: Statements, jobId: number, from: number, rows: PlacementRow[]) {
	return writeTx(db, () => {
		const job = jobMeta(db, jobId);
		if (!job || job.status !== 'placing' || job.placedLine !== from) return false;
		const now = clock().now();
		const today = localDate(now);
		let portfolioId = job.portfolioId;
		let placed = 0;
		let existing = 0;
		let created = 0;
		let matched = 0;
		// each new claim gets its strategy version (or experiment arm) at placement, read once a chunk
		let assign: ((claimId: number) => void) | null = null;
		for (const r of rows) {
			// placed meanwhile by another upload or import: skipped, never a second claim
			if (s.holder(r.reference) !== undefined) {
				existing++;
				continue;
			}
			portfolioId ??= s.portfolio.run(job.creditorId, job.portfolioName, today, now)
				.lastInsertRowid as number;
			const debtor = debtorFor(s, job.creditorId, r, now);
			if (debtor.created) created++;
			else matched++;
			assign ??= placementAssigner(db, job.creditorId, portfolioId);
			assign(insertClaim(s, job.creditorId, portfolioId, debtor.id, r, today, now));
			placed++;
		}
		db.update(placementJobs)
			.set({
				portfolioId,
				placedLine: rows.at(-1)!.line,
				placedRows: job.placedRows + placed,
				existingRows: job.existingRows + existing,
				debtorsCreated: job.debtorsCreated + created,
				debtorsMatched: job.debtorsMatched + matched
			})
			.where(eq(placementJobs.id, jobId))
			.run();
		return true;
	});
}

/** The job's outcome once every row is through: placed, or failed when nothing was left. */
function finish(db: DB, jobId: number, badRows: number, fileError: Job['fileErrorKey'] = null) {
	writeTx(db, () => {
		const job = jobMeta(db, jobId);
		if (!job || job.status !== 'placing') return;
		const actor = jobActor(job);
		const now = clock().now();
		if (fileError || job.portfolioId == null) {
			const key = fileError ?? 'placement.nothingToPlace';
			db.update(placementJobs)
				.set({ status: 'failed', fileErrorKey: key, fileErrorParams: null, finishedAt: now })
				.where(eq(placementJobs.id, jobId))
				.run();
			audit(db, actor, {
				action: 'placement.place_failed',
				entity: 'placement_job',
				entityId: jobId,
				after: { reason: key }
			});
			return;
		}
		const skipped = badRows + job.existingRows;
		db.update(placementJobs)
			.set({ status: 'placed', goodRows: job.placedRows, badRows: skipped, finishedAt: now })
			.where(eq(placementJobs.id, jobId))
			.run();
		audit(db, actor, {
			action: 'placement.place',
			entity: 'portfolio',
			entityId: job.portfolioId,
			after: {
				creditorId: job.creditorId,
				portfolioId: job.portfolioId,
				placed: job.placedRows,
				skipped,
				debtorsCreated: job.debtorsCreated,
				debtorsMatched: job.debtorsMatched
			}
		});
	});
}

export interface RunOptions {
	chunkRows?: number;
	/** called after each committed chunk (tests stop or kill here) */
	afterChunk?: (chunk: number) => void;
	/** stop (as if killed) after this many chunks */
	maxChunks?: number;
}

/**
 * Places a job in 'placing' to the end (or resumes it). Returns the job's status afterwards:
 * 'placed', 'failed', or 'placing' when stopped early by `maxChunks` or taken over by another runner.
 */
export function runPlacement(db: DB, jobId: number, opts: RunOptions = {}): Job['status'] | null {
	const job = jobMeta(db, jobId);
	if (!job || job.status !== 'placing') return job?.status ?? null;
	// the file is read again (it is unchanged): duplicates against the database are checked per
	// row when placing, so rows this job already placed do not count against it
	const file = db
		.select({ content: placementFiles.content })
		.from(placementFiles)
		.where(eq(placementFiles.jobId, jobId))
		.get()!;
	const a = analyseAll(file.content, () => false, localDate(clock().now()));
	if (a.fileError) {
		finish(db, jobId, 0, a.fileError.key);
		return 'failed';
	}
	const pending = a.good.filter((r) => r.line > job.placedLine);
	const size = opts.chunkRows ?? PLACE_CHUNK;
	const s = statements(db);
	let from = job.placedLine;
	let chunk = 0;
	for (let i = 0; i < pending.length; i += size) {
		if (opts.maxChunks !== undefined && chunk >= opts.maxChunks) return 'placing';
		const rows = pending.slice(i, i + size);
		if (!placeChunk(db, s, jobId, from, rows)) return 'placing';
		from = rows.at(-1)!.line;
		opts.afterChunk?.(++chunk);
	}
	finish(db, jobId, a.badRows);
	return db
		.select({ status: placementJobs.status })
		.from(placementJobs)
		.where(eq(placementJobs.id, jobId))
		.get()!.status;
}

/** The ids of the placement jobs in this status. */
export function jobIdsIn(db: DB, status: (typeof placementJobs.$inferSelect)['status']): number[] {
	return db
		.select({ id: placementJobs.id })
		.from(placementJobs)
		.where(eq(placementJobs.status, status))
		.all()
		.map((r) => r.id);
}

/** Jobs a restart must take up again. */
export function unfinishedPlacements(db: DB): number[] {
	return jobIdsIn(db, 'placing');
}

/**
 * One claim placed through the API (issue 20): the row checked by the same `validateRow` as a CSV
 * line (the caller did that), placed with the same statements as a file's rows, into the day's
 * API portfolio ("API YYYY-MM-DD"). A reference the creditor already placed, exactly as sent,
 * returns that claim instead of a second one (`created` false); any other claim's reference, or
 * one differing from it only in case, spaces or `-./_`, is refused on the reference field.
 */
export function placeOneClaim(
	db: DB,
	actor: Actor & { kind: 'creditor' },
	r: PlacementRow
): { claimId: number; created: boolean } {
	return writeTx(db, () => {
		const c = db.$client;
		const found = referenceHolder(db)(r.reference);
		if (found?.creditorId === actor.creditorId && found.reference === r.reference)
			return { claimId: found.id, created: false };
		// another claim's reference, as transfers are read: a transfer naming it could not be matched
		if (found) throw new ValidationError({ reference: { key: 'placement.err.duplicateExisting' } });
		const now = clock().now();
		const today = localDate(now);
		const s = statements(db);
		const name = `API ${today}`;
		const portfolioId =
			(c
				.prepare('SELECT id FROM portfolios WHERE creditor_id = ? AND name = ?')
				.pluck()
				.get(actor.creditorId, name) as number | undefined) ??
			(s.portfolio.run(actor.creditorId, name, today, now).lastInsertRowid as number);
		const debtor = debtorFor(s, actor.creditorId, r, now);
		const claimId = insertClaim(s, actor.creditorId, portfolioId, debtor.id, r, today, now);
		placementAssigner(db, actor.creditorId, portfolioId)(claimId);
		audit(db, actor, {
			action: 'placement.api',
			entity: 'claim',
			entityId: claimId,
			after: { creditorId: actor.creditorId, portfolioId, debtorCreated: debtor.created }
		});
		return { claimId, created: true };
	});
}
