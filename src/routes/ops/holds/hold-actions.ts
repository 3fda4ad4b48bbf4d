import { z } from 'zod';
import {
	endOperatorHold,
	HOLD_NOTE_MAX,
	HOLD_NOTE_MIN,
	OPERATOR_HOLD_KINDS,
	startOperatorHold
} from '$lib/server/services/holds';
import { textField } from '$lib/server/http';
import { recordForm } from '../record-form';

/** The service checks both again; here so that a form refused for its kind also says why for its note. */
const startSchema = z.object({
	kind: z.enum(OPERATOR_HOLD_KINDS, 'holds.error.kind'),
	note: textField(HOLD_NOTE_MAX, { optional: true }).min(HOLD_NOTE_MIN, 'holds.error.note')
});

/**
 * The actions that start an operator's hold on a claim (hidden field `claimId`) and end one
 * (`holdId`), on the holds page and the case page; `done` is each page's answer.
 */
export const startHoldAction = <D>(done: (claimId: number) => D) =>
	recordForm(
		'claimId',
		startSchema,
		(db, actor, claimId, input) => startOperatorHold(db, actor, { claimId, ...input }),
		done
	);

export const endHoldAction = <D>(done: () => D) =>
	recordForm(
		'holdId',
		z.object({}),
		(db, actor, holdId) => endOperatorHold(db, actor, { holdId }),
		done
	);
