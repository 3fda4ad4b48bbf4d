/**
 * A separate process that starts (and logs) one call on a shared SQLite file, for the C2
 * concurrency test: `tsx tests/helpers/call-worker.ts <db file> <start at ms> <clock ms> <claimId> <operatorId>`.
 * It waits until the start instant so that the workers hit the database together, and prints
 * `called` or the refusal's key.
 */
import { openDatabase } from '../../src/lib/server/db/client';
import { ManualClock } from '../../src/lib/domain/clock';
import { setClock } from '../../src/lib/server/clock';
import { finishCall, startCall } from '../../src/lib/server/services/calls';
import { ConflictError } from '../../src/lib/server/services/errors';

const [file, startAt, at, claimId, operatorId] = process.argv.slice(2);
setClock(new ManualClock(Number(at)));
const db = openDatabase(file);
const actor = { kind: 'operator' as const, userId: Number(operatorId) };
while (Date.now() < Number(startAt)) {
	/* spin until the common start */
}
try {
	const { callId } = startCall(db, actor, { claimId: Number(claimId) });
	finishCall(db, actor, {
		callId,
		outcome: 'no_answer',
		durationSeconds: null,
		recordingRef: '',
		note: ''
	});
	process.stdout.write('called');
} catch (e) {
	process.stdout.write(e instanceof ConflictError ? e.key : String(e));
}
