/** The operator who uploads statements in the service tests; the statement builders are in bank-files.ts. */
import type { DB } from '../../src/lib/server/db/client';
import { staffUsers } from '../../src/lib/server/db/schema';
import { clock } from '../../src/lib/server/clock';
import {
	bankImport,
	runBankImport,
	unfinishedBankImports,
	uploadStatement,
	type ImportOptions
} from '../../src/lib/server/services/bank';
import { insertRow } from './db';
import { bytes } from './bank-files';

export { bankCsv, bytes, camt053, type TestEntry } from './bank-files';

/** An operator account (imports record who uploaded them). */
export function bankOperator(db: DB) {
	const id = insertRow(db, staffUsers, {
		email: 'bank-op@rendez.test',
		name: 'Operátor Olga',
		role: 'operator',
		passwordHash: 'x',
		createdAt: clock().now()
	}).id;
	return { kind: 'operator' as const, userId: id };
}

/** A statement uploaded by `op` and imported by the worker: the import and its entries, as its page shows them. */
export function importStatement(
	db: DB,
	op: ReturnType<typeof bankOperator>,
	text: string,
	opts: ImportOptions = {}
) {
	const id = uploadStatement(db, op, { fileName: 'statement.xml', bytes: bytes(text) });
	runBankImport(db, id, opts);
	return bankImport(db, op, id);
}

/** What the worker does when it starts again: the imports a kill left unfinished, run to the end. */
export function resumeImports(db: DB, op: ReturnType<typeof bankOperator>) {
	return unfinishedBankImports(db).map((id) => {
		runBankImport(db, id);
		return bankImport(db, op, id).imp;
	});
}
