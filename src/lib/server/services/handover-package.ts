/**
 * The legal handover package (issue 16, item 7) for the partner law firm: one ZIP with a PDF
 * summary, the claim and debtor data as CSV, the ledger statement, the contact history and the
 * claim's documents. Every download is audited: personal data leaves the system. The queue it
 * belongs to is in `handovers.ts`.
 *
 * Debtor data comes from `claim_debtors` (what the creditor supplied with this claim): the law firm
 * acts for the creditor, so it gets the creditor's data, not what another creditor may have told us.
 */
import { zipSync, type Zippable } from 'fflate';
import type { Actor } from '$lib/domain/actor';
import { daysBetween, localDate, localParts } from '$lib/domain/clock';
import { BOM, csvLine } from '$lib/domain/csv';
import { memoWords } from '$lib/domain/ledger-memo';
import { COMPONENTS, statementOf, type Component, type LedgerKind } from '$lib/domain/ledger';
import { formatMoney, minorToDecimalString } from '$lib/domain/money';
import type { Stage } from '$lib/domain/stages';
import { formatDate } from '$lib/format';
import { translate, type Lang, type MessageKey } from '$lib/i18n';
import type { DB } from '../db/client';
import { clock } from '../clock';
import { writeDocument } from '../pdf';
import { assertAgencyStaff } from './actor';
import { audit } from './audit';
import { ConflictError } from './errors';
import { assertStillOpen, rowOf, type RawRow } from './handovers';
import { writeTx } from './tx';

/** A visit's outcomes have words of their own (nobody "picks up" at a door: visits.ts). */
const VISIT_OUTCOMES = ['conversation', 'no_answer', 'moved', 'refused'];
const outcomeKey = (channel: string, outcome: string) =>
	channel === 'visit' && VISIT_OUTCOMES.includes(outcome)
		? `handover.visit.${outcome}`
		: `creditor.contact.${outcome}`;

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
	const memoText = (memo: string) => {
		const w = memoWords(memo);
		return 'text' in w ? w.text : tr(w.key, w.params);
	};
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
			memoText(l.memo)
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
			tr(outcomeKey(ct.channel, ct.outcome))
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
