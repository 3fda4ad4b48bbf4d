/**
 * The legal handover queue (issue 16, item 7). The engine puts a claim that enters the legal stage
 * in `legal_handovers` (state queued; engine.ts). Here operators and admins work the queue: check a
 * claim (refused when it is no longer open or owes nothing), download the handover package for the
 * partner law firm (one ZIP: a PDF summary, the claim and debtor data as CSV, the ledger statement,
 * the contact history and the claim's documents), and mark it handed over. Every state change is
 * audited, and so is every package download: personal data leaves the system.
 *
 * Debtor data comes from `claim_debtors` (what the creditor supplied with this claim): the law firm
 * acts for the creditor, so it gets the creditor's data, not what another creditor may have told us.
 */
import { zipSync, type Zippable } from 'fflate';
import type { Actor } from '$lib/domain/actor';
import { daysBetween, localDate, localParts } from '$lib/domain/clock';
import { BOM, csvLine } from '$lib/domain/csv';
import type { HandoverState } from '$lib/domain/engine-records';
import { COMPONENTS, statementOf, type Component, type LedgerKind } from '$lib/domain/ledger';
import { formatMoney, minorToDecimalString, type Currency } from '$lib/domain/money';
import type { ClaimStatus, Stage } from '$lib/domain/stages';
import { formatDate } from '$lib/format';
import { translate, type Lang, type MessageKey } from '$lib/i18n';
import type { DB } from '../db/client';
import { clock } from '../clock';
import { writeDocument } from '../pdf';
import { assertAgencyStaff } from './actor';
import { audit } from './audit';
import { ConflictError, NotFoundError } from './errors';
import { writeTx } from './tx';

/** The queue's lists: what still needs work (queued, checked), or everything. */
export const HANDOVER_FILTERS = ['active', 'all'] as const;
export type HandoverFilter = (typeof HANDOVER_FILTERS)[number];

export interface HandoverRow {
	id: number;
	claimId: number;
	reference: string;
	creditorName: string;
	debtorName: string;
	currency: Currency;
	balanceMinor: number;
	daysPastDue: number;
	/** as shown: a queued or checked claim that was paid or closed meanwhile shows as withdrawn */
	state: HandoverState;
	queuedOn: string;
	checked: { by: string; on: string } | null;
	handedOver: { by: string; on: string } | null;
}

interface RawRow {
	id: number;
	claim_id: number;
	state: HandoverState;
	queued_at: number;
	checked_at: number | null;
	handed_over_at: number | null;
	withdrawn_at: number | null;
	reference: string;
	currency: Currency;
	balance_minor: number;
	due_date: string;
	status: ClaimStatus;
	creditor_name: string;
	debtor_name: string;
	checked_by_name: string | null;
	handed_over_by_name: string | null;
}

const SELECT = `
	SELECT h.id, h.claim_id, h.state, h.queued_at, h.checked_at, h.handed_over_at, h.withdrawn_at,
	       c.reference, c.currency, c.balance_minor, c.due_date, c.status,
	       cr.name AS creditor_name, coalesce(d.name, '') AS debtor_name,
	       su1.name AS checked_by_name, su2.name AS handed_over_by_name
	  FROM legal_handovers h
	  JOIN claims c ON c.id = h.claim_id
	  JOIN creditors cr ON cr.id = h.creditor_id
	  LEFT JOIN claim_debtors d ON d.claim_id = h.claim_id
	  LEFT JOIN staff_users su1 ON su1.id = h.checked_by
	  LEFT JOIN staff_users su2 ON su2.id = h.handed_over_by`;

/** The state a row shows: a claim paid or closed before it left shows withdrawn, whatever the engine has done yet. */
export function shownState(state: HandoverState, status: ClaimStatus): HandoverState {
	if ((state === 'queued' || state === 'checked') && (status === 'paid' || status === 'closed'))
		return 'withdrawn';
	return state;
}

function toRow(r: RawRow, today: string): HandoverRow {
	return {
		id: r.id,
		claimId: r.claim_id,
		reference: r.reference,
		creditorName: r.creditor_name,
		debtorName: r.debtor_name,
		currency: r.currency,
		balanceMinor: r.balance_minor,
		daysPastDue: Math.max(0, daysBetween(r.due_date, today)),
		state: shownState(r.state, r.status),
		queuedOn: localDate(r.queued_at),
		checked:
			r.checked_at !== null ? { by: r.checked_by_name ?? '', on: localDate(r.checked_at) } : null,
		handedOver:
			r.handed_over_at !== null
				? { by: r.handed_over_by_name ?? '', on: localDate(r.handed_over_at) }
				: null
	};
}

/** The queue for operators and admins: oldest first, the rows that need work before the rest. */
export function handoverQueue(
	db: DB,
	actor: Actor,
	input: { filter?: HandoverFilter } = {}
): HandoverRow[] {
	assertAgencyStaff(actor);
	const active = (input.filter ?? 'active') === 'active';
	const rows = db.$client
		.prepare(
			`${SELECT}
			 ${active ? `WHERE h.state IN ('queued', 'checked') AND c.status NOT IN ('paid', 'closed')` : ''}
			 ORDER BY CASE h.state WHEN 'queued' THEN 0 WHEN 'checked' THEN 1 WHEN 'handed_over' THEN 2 ELSE 3 END,
			          h.queued_at, h.id
			 LIMIT 1000`
		)
		.all() as RawRow[];
	const today = localDate(clock().now());
	return rows.map((r) => toRow(r, today));
}

function rowOf(db: DB, handoverId: number): RawRow {
	const r = db.$client.prepare(`${SELECT} WHERE h.id = ?`).get(handoverId) as RawRow | undefined;
	if (!r) throw new NotFoundError('handover');
	return r;
}

/** Why a claim cannot go to the law firm now (an i18n key), or null when it can. */
export function refusal(r: Pick<RawRow, 'status' | 'balance_minor'>): string | null {
	if (r.status !== 'open') return `handover.refused.${r.status}`;
	if (r.balance_minor <= 0) return 'handover.refused.zeroBalance';
	return null;
}

function assertStillOpen(r: RawRow): void {
	const why = refusal(r);
	if (why) throw new ConflictError(why);
	if (r.state === 'withdrawn') throw new ConflictError('handover.error.withdrawn');
}

/** Moves a handover on to `to`, recording who and when (`<to>_at`, `<to>_by`), and audits it. */
function moveOn(
	db: DB,
	actor: Actor & { userId: number },
	r: RawRow,
	to: 'checked' | 'handed_over'
): HandoverRow {
	const now = clock().now();
	db.$client
		.prepare(`UPDATE legal_handovers SET state = ?, ${to}_at = ?, ${to}_by = ? WHERE id = ?`)
		.run(to, now, actor.userId, r.id);
	audit(db, actor, {
		action: `handover.${to}`,
		entity: 'legal_handover',
		entityId: r.id,
		before: { state: r.state },
		after: { state: to, claimId: r.claim_id }
	});
	return toRow(rowOf(db, r.id), localDate(now));
}

/** The operator has checked the claim: queued -> checked. */
export function checkHandover(db: DB, actor: Actor, input: { handoverId: number }): HandoverRow {
	assertAgencyStaff(actor);
	return writeTx(db, () => {
		const r = rowOf(db, input.handoverId);
		assertStillOpen(r);
		if (r.state !== 'queued') throw new ConflictError('handover.error.notQueued');
		return moveOn(db, actor, r, 'checked');
	});
}

/** The package went to the law firm: checked -> handed_over (who and when recorded). */
export function markHandedOver(db: DB, actor: Actor, input: { handoverId: number }): HandoverRow {
	assertAgencyStaff(actor);
	return writeTx(db, () => {
		const r = rowOf(db, input.handoverId);
		if (r.state === 'handed_over') throw new ConflictError('handover.error.handedOver');
		assertStillOpen(r);
		if (r.state !== 'checked') throw new ConflictError('handover.error.notChecked');
		return moveOn(db, actor, r, 'handed_over');
	});
}

// ---------------------------------------------------------------------------------------------
// The package

interface PackageData {
	row: RawRow;
	claim: {
		description: string;
		placed_date: string;
		stage: Stage;
	};
	debtor: {
		kind: 'person' | 'company';
		name: string;
		birth_date: string | null;
		tax_number: string | null;
		postal_code: string;
		city: string;
		address: string;
		email: string | null;
		phone: string | null;
	};
	ledger: {
		id: number;
		effective_date: string;
		component: Component;
		kind: LedgerKind;
		amount_minor: number;
		memo: string;
	}[];
	contacts: {
		occurred_at: number;
		channel: string;
		stage: Stage;
		direction: 'outbound' | 'inbound';
		outcome: string;
	}[];
	documents: { name: string; content: Uint8Array }[];
}

const EXT: Record<string, string> = {
	'application/pdf': 'pdf',
	'image/jpeg': 'jpg',
	'image/png': 'png'
};

function packageData(db: DB, r: RawRow): PackageData {
	const c = db.$client;
	const claim = c
		.prepare('SELECT description, placed_date, stage FROM claims WHERE id = ?')
		.get(r.claim_id) as PackageData['claim'];
	const debtor = c
		.prepare(
			`SELECT kind, name, birth_date, tax_number, postal_code, city, address, email, phone
			   FROM claim_debtors WHERE claim_id = ?`
		)
		.get(r.claim_id) as PackageData['debtor'];
	const ledger = c
		.prepare(
			`SELECT id, effective_date, component, kind, amount_minor, memo FROM ledger_entries
			  WHERE claim_id = ? ORDER BY effective_date, id`
		)
		.all(r.claim_id) as PackageData['ledger'];
	const contacts = c
		.prepare(
			`SELECT occurred_at, channel, stage, direction, outcome FROM contact_events
			  WHERE claim_id = ? ORDER BY occurred_at, id`
		)
		.all(r.claim_id) as PackageData['contacts'];
	// the claim's documents: what the debtor sent with a dispute
	const documents = (
		c
			.prepare(
				`SELECT d.id, a.mime, a.content FROM disputes d JOIN attachments a ON a.id = d.attachment_id
				  WHERE d.claim_id = ? ORDER BY d.id`
			)
			.all(r.claim_id) as { id: number; mime: string; content: Buffer }[]
	).map((d) => ({
		name: `documents/dispute-${d.id}.${EXT[d.mime] ?? 'bin'}`,
		content: new Uint8Array(d.content)
	}));
	return { row: r, claim, debtor, ledger, contacts, documents };
}

/** A reference as a file name part: letters, digits, dot, dash, underscore. */
const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60) || 'claim';

const csv = (lines: (string | number | null)[][]) => BOM + lines.map((l) => csvLine(l)).join('');

/** 'YYYY-MM-DD HH:MM', Budapest time. */
function localDateTime(t: number): string {
	const p = localParts(t);
	return `${p.date} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

export interface HandoverPackage {
	bytes: Uint8Array;
	filename: string;
	/** the names inside the ZIP, in order */
	files: string[];
}

/**
 * The handover package for the law firm, in the reader's language: a checked (or already handed
 * over) claim only. The download is audited before the bytes leave, in its own transaction.
 */
export async function handoverPackage(
	db: DB,
	actor: Actor,
	input: { handoverId: number; lang: Lang }
): Promise<HandoverPackage> {
	assertAgencyStaff(actor);
	const data = writeTx(db, () => {
		const r = rowOf(db, input.handoverId);
		// before the handover, the claim must still be one to hand over: no personal data leaves
		// for a claim paid, closed, disputed or in a plan since it was checked
		if (r.state !== 'handed_over') assertStillOpen(r);
		if (r.state === 'queued') throw new ConflictError('handover.error.notChecked');
		const d = packageData(db, r);
		audit(db, actor, {
			action: 'handover.package',
			entity: 'legal_handover',
			entityId: r.id,
			after: {
				claimId: r.claim_id,
				state: r.state,
				ledgerLines: d.ledger.length,
				contacts: d.contacts.length,
				documents: d.documents.length
			}
		});
		return d;
	});
	const lang = input.lang;
	const tr = (key: string, params?: Record<string, string | number>) =>
		translate(lang, key as MessageKey, params);
	const { row: r, claim, debtor, ledger } = data;
	const now = clock().now();
	const today = localDate(now);
	const cur = r.currency;
	const balances = statementOf(
		ledger.map((l) => ({ component: l.component, kind: l.kind, amountMinor: l.amount_minor }))
	).balance;
	const days = Math.max(0, daysBetween(r.due_date, today));

	const claimFields: [string, string | number | null][] = [
		['handover.f.reference', r.reference],
		['handover.f.creditor', r.creditor_name],
		['handover.f.description', claim.description],
		['handover.f.currency', cur],
		['handover.f.placedDate', claim.placed_date],
		['handover.f.dueDate', r.due_date],
		['handover.f.daysPastDue', days],
		['handover.f.stage', tr(`creditor.stage.${claim.stage}`)],
		['handover.f.status', tr(`creditor.status.${r.status}`)],
		['handover.f.queuedAt', localDate(r.queued_at)],
		['handover.f.checkedAt', r.checked_at !== null ? localDate(r.checked_at) : null]
	];
	const debtorFields: [string, string | number | null][] = [
		['handover.f.debtorName', debtor?.name ?? ''],
		['handover.f.debtorKind', debtor ? tr(`handover.kind.${debtor.kind}`) : ''],
		['handover.f.birthDate', debtor?.birth_date ?? null],
		['handover.f.taxNumber', debtor?.tax_number ?? null],
		['handover.f.postalCode', debtor?.postal_code ?? ''],
		['handover.f.city', debtor?.city ?? ''],
		['handover.f.address', debtor?.address ?? ''],
		['handover.f.email', debtor?.email ?? null],
		['handover.f.phone', debtor?.phone ?? null]
	];
	const money = (m: number) => formatMoney(m, cur, lang);
	const total = COMPONENTS.reduce((a, c) => a + balances[c], 0);

	const pdf = await writeDocument(lang, 'handover.pdf.title', 'summary.pdf', (w) => {
		const show = (v: string | number | null, key: string) =>
			v === null || v === ''
				? '–'
				: key === 'handover.f.dueDate' ||
					  key === 'handover.f.placedDate' ||
					  key === 'handover.f.queuedAt' ||
					  key === 'handover.f.checkedAt' ||
					  key === 'handover.f.birthDate'
					? formatDate(String(v), lang)
					: String(v);
		w.text(tr('handover.pdf.claim'), 13);
		for (const [k, v] of claimFields) w.row(tr(k), show(v, k));
		w.space();
		w.text(tr('handover.pdf.debtor'), 13);
		for (const [k, v] of debtorFields) w.row(tr(k), show(v, k));
		w.space();
		w.text(tr('handover.pdf.balance'), 13);
		for (const c of COMPONENTS) w.row(tr(`handover.f.${c}`), money(balances[c]));
		w.row(tr('handover.f.balance'), money(total), 12);
		w.space();
		w.text(tr('handover.pdf.files'), 12);
		w.text(tr('handover.pdf.fileClaim'), 10, 3);
		w.text(tr('handover.pdf.fileLedger'), 10, 3);
		w.text(tr('handover.pdf.fileContacts'), 10, 3);
		if (data.documents.length > 0)
			w.text(tr('handover.pdf.fileDocuments', { count: data.documents.length }), 10, 3);
		w.space(16);
		w.text(tr('handover.pdf.footer'), 9);
	});

	const claimCsv = csv([
		[
			...claimFields.map(([k]) => tr(k)),
			...debtorFields.map(([k]) => tr(k)),
			...COMPONENTS.map((c) => tr(`handover.f.${c}`)),
			tr('handover.f.balance')
		],
		[
			...claimFields.map(([, v]) => v),
			...debtorFields.map(([, v]) => v),
			...COMPONENTS.map((c) => minorToDecimalString(balances[c])),
			minorToDecimalString(total)
		]
	]);
	const ledgerCsv = csv([
		[
			tr('handover.ledger.date'),
			tr('handover.ledger.component'),
			tr('handover.ledger.kind'),
			tr('handover.ledger.amount'),
			tr('handover.f.currency'),
			tr('handover.ledger.memo')
		],
		...ledger.map((l) => [
			l.effective_date,
			tr(`handover.f.${l.component}`),
			tr(`handover.ledger.${l.kind}`),
			minorToDecimalString(l.amount_minor),
			cur,
			l.memo
		])
	]);
	const contactsCsv = csv([
		[
			tr('handover.contact.at'),
			tr('handover.contact.channel'),
			tr('handover.contact.stage'),
			tr('handover.contact.direction'),
			tr('handover.contact.outcome')
		],
		...data.contacts.map((ct) => [
			localDateTime(ct.occurred_at),
			tr(`creditor.channel.${ct.channel}`),
			tr(`creditor.stage.${ct.stage}`),
			tr(`handover.contact.${ct.direction}`),
			tr(`creditor.contact.${ct.outcome}`)
		])
	]);

	const enc = new TextEncoder();
	const files: Zippable = {
		'summary.pdf': [pdf.bytes, { level: 0 }],
		'claim.csv': enc.encode(claimCsv),
		'ledger.csv': enc.encode(ledgerCsv),
		'contacts.csv': enc.encode(contactsCsv)
	};
	for (const d of data.documents) files[d.name] = [d.content, { level: 0 }];
	return {
		bytes: zipSync(files, { level: 6, mtime: now }),
		filename: `handover-${safeName(r.reference)}.zip`,
		files: Object.keys(files)
	};
}

/** What the creditor sees of a claim's handover (its own claims only; the caller scopes). */
export interface HandoverStatus {
	state: HandoverState;
	/** the day the state began: queued on, handed over on, withdrawn on */
	on: string;
}

/** The handover status of one claim, for a page that has already checked the reader may see it. */
export function handoverStatusOf(db: DB, claimId: number): HandoverStatus | null {
	const r = db.$client
		.prepare(
			`SELECT h.state, h.queued_at, h.handed_over_at, h.withdrawn_at, c.status, c.paid_at, c.closed_at
			   FROM legal_handovers h JOIN claims c ON c.id = h.claim_id WHERE h.claim_id = ?`
		)
		.get(claimId) as
		| {
				state: HandoverState;
				queued_at: number;
				handed_over_at: number | null;
				withdrawn_at: number | null;
				status: ClaimStatus;
				paid_at: number | null;
				closed_at: number | null;
		  }
		| undefined;
	if (!r) return null;
	const state = shownState(r.state, r.status);
	const at =
		state === 'handed_over'
			? (r.handed_over_at ?? r.queued_at)
			: state === 'withdrawn'
				? (r.withdrawn_at ?? r.paid_at ?? r.closed_at ?? r.queued_at)
				: r.queued_at;
	return { state, on: localDate(at) };
}
