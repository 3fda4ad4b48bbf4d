/** A malformed CSV fails as a file through the placement service, naming the line, translated. */
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb, manualClock } from '../helpers/db';
import type { DB } from '../../src/lib/server/db/client';
import { buildFixture, type Fixture } from '../helpers/reports-fixtures';
import {
	confirmPlacement,
	createPlacementJob,
	validateJob
} from '../../src/lib/server/services/placements';
import { ConflictError } from '../../src/lib/server/services/errors';
import { PLACEMENT_COLUMNS } from '../../src/lib/domain/placement';
import { translate } from '../../src/lib/i18n';

const row = (i: number, name = `Adós ${i}`) =>
	`S-${i};person;${name};1970-01-01;;1051;Budapest;Fő u. 1.;;;HUF;2025-12-01;1000;0;0;0;1000;`;

describe('placement of a malformed CSV', () => {
	let db: DB;
	let f: Fixture;
	beforeEach(() => {
		manualClock('2026-03-02');
		db = freshDb();
		f = buildFixture(db);
	});

	const upload = (text: string) =>
		validateJob(
			db,
			f.actorA,
			createPlacementJob(db, f.actorA, {
				fileName: 'x.csv',
				portfolioName: 'X',
				bytes: new TextEncoder().encode(text)
			})
		);

	it('an unclosed quote in a 1,000-row file fails the file at its line; nothing can be placed', async () => {
		const lines = [PLACEMENT_COLUMNS.join(';')];
		for (let i = 0; i < 1000; i++) lines.push(row(i, i === 500 ? '"Idéző Jel' : undefined));
		const job = await upload(lines.join('\r\n'));
		expect(job.status).toBe('failed');
		expect(job.fileError).toEqual({ key: 'csv.unclosedQuote', params: { line: 502 } });
		expect(translate('hu', job.fileError!.key, job.fileError!.params)).toContain('502');
		expect(translate('en', job.fileError!.key, job.fileError!.params)).toContain('line 502');
		expect(() => confirmPlacement(db, f.actorA, job.id)).toThrow(ConflictError);
	});

	it('text after a closing quote fails the file at its line', async () => {
		const job = await upload(
			[PLACEMENT_COLUMNS.join(';'), row(1), row(2, '"Kiss" Péter')].join('\n')
		);
		expect(job.status).toBe('failed');
		expect(job.fileError).toEqual({ key: 'csv.textAfterQuote', params: { line: 3 } });
	});
});
