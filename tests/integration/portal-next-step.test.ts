/**
 * The debtor's claim page reads the engine: the next step's date is the day the daily run moves
 * the claim, and a claim on hold says why (issue 16, item 8). A claim the engine has not seen
 * keeps the line from the creditor's stored strategy.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDbs, scalar, testDb } from '../helpers/db';
import { claimsDue } from '../helpers/engine-fixtures';
import { backfill, runEngine } from '../../src/lib/server/services/engine-run';
import {
	claimDetail,
	claimsForPage,
	myClaims,
	stageLine
} from '../../src/lib/server/services/portal';
import { changeStatus } from '../../src/lib/server/services/claim-state';
import { engineActor } from '../../src/lib/server/services/engine';
import { writeTx } from '../../src/lib/server/services/tx';
import { holds } from '../../src/lib/server/db/schema';
import { addDays, instantAt } from '../../src/lib/domain/clock';
import { isBusinessDay } from '../../src/lib/domain/holidays';
import { defaultHoldEffect, type HoldKind } from '../../src/lib/domain/holds';
import type { Actor } from '../../src/lib/domain/actor';
import type { DB } from '../../src/lib/server/db/client';

afterAll(removeTempDbs);

function world() {
	const { db, clock } = testDb('2026-03-02');
	const { debtorId, ids } = claimsDue(db, 2);
	const debtor: Actor = { kind: 'debtor', debtorId };
	/** the engine runs every business day up to `day`, and the clock is that day's afternoon */
	const runTo = (from: string, day: string) => {
		clock.set(instantAt(day, 16));
		backfill(db, from, day);
	};
	return { db, clock, ids, debtor, runTo };
}

const addHold = (db: DB, claimId: number, kind: HoldKind, start: string, end: string | null) =>
	db
		.insert(holds)
		.values({
			claimId,
			kind,
			startDate: start,
			endDate: end,
			effectJson: JSON.stringify(defaultHoldEffect(kind)),
			createdAt: 0
		})
		.run();

const stageOf = (db: DB, id: number) => scalar(db, 'SELECT stage FROM claims WHERE id = ?', id);

describe("the debtor's claim page and the engine", () => {
	it('gives the day the daily run then moves the claim, not the nominal stage day', () => {
		const { db, clock, ids, debtor, runTo } = world();
		runTo('2026-03-03', '2026-03-10');
		expect(stageOf(db, ids[0])).toBe('friendly_reminder');
		const line = claimDetail(db, debtor, ids[0]).stage;
		expect(line.hold).toBeNull();
		expect(line.next?.stage).toBe('firm_reminder');
		// the list shows the same line
		expect(myClaims(db, debtor)[0].claims[0].stage).toEqual(line);

		// run day by day: the claim moves on exactly that day, not before
		let day = '2026-03-10';
		while (day < line.next!.date) {
			day = addDays(day, 1);
			if (!isBusinessDay(day)) continue;
			clock.set(instantAt(day, 16));
			runEngine(db, { asOf: day });
			expect(stageOf(db, ids[0])).toBe(
				day < line.next!.date ? 'friendly_reminder' : 'firm_reminder'
			);
		}
		expect(scalar(db, `SELECT stage_entered_on FROM claim_engine WHERE claim_id = ?`, ids[0])).toBe(
			line.next!.date
		);
	});

	it('says a promise holds the claim until its date and puts the next step after it', () => {
		const { db, ids, debtor, runTo } = world();
		runTo('2026-03-03', '2026-03-10');
		const before = claimDetail(db, debtor, ids[0]).stage.next!;
		addHold(db, ids[0], 'promise', '2026-03-10', '2026-03-24');
		const line = claimDetail(db, debtor, ids[0]).stage;
		expect(line.hold).toEqual({ reason: 'promise', until: '2026-03-23' });
		expect(line.next?.stage).toBe(before.stage);
		expect(line.next!.date > before.date).toBe(true);
		// in words, in the reader's language
		expect(stageLine('en', line).hold).toBe(
			'Your claim is on hold until 23 March 2026 (your promise to pay).'
		);
		expect(stageLine('hu', line).hold).toBe(
			'A tartozás ügyintézése 2026. március 23. napig szünetel, mert fizetési ígéretet tett.'
		);
		expect(claimsForPage('en', myClaims(db, debtor))[0].claims[0].stage.hold).toContain(
			'promise to pay'
		);
	});

	it('says a disputed claim is on hold while the objection is examined, with no date', () => {
		const { db, ids, debtor, runTo } = world();
		runTo('2026-03-03', '2026-03-10');
		writeTx(db, () => changeStatus(db, engineActor, ids[0], 'disputed', 'test'));
		addHold(db, ids[0], 'dispute', '2026-03-10', null);
		expect(claimDetail(db, debtor, ids[0]).stage).toMatchObject({
			hold: { reason: 'dispute', until: null },
			next: null
		});
		expect(stageLine('en', claimDetail(db, debtor, ids[0]).stage).hold).toBe(
			'Your claim is on hold while we examine your dispute; we send no reminders until then.'
		);
		// an installment plan: the status alone says it
		writeTx(db, () => changeStatus(db, engineActor, ids[1], 'in_plan', 'test'));
		expect(claimDetail(db, debtor, ids[1]).stage).toMatchObject({
			hold: { reason: 'plan', until: null },
			next: null
		});
	});

	it("keeps the stored strategy's line for a claim the engine has not seen", () => {
		const { db, ids, debtor } = world();
		expect(scalar(db, 'SELECT count(*) FROM claim_engine')).toBe(0);
		// the default strategy: the friendly reminder 5 days after the due date
		expect(claimDetail(db, debtor, ids[0]).stage).toMatchObject({
			hold: null,
			next: { stage: 'friendly_reminder', date: '2026-03-07' }
		});
	});
});
