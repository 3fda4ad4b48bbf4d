/**
 * Runs long work in a child process so a test can kill it with SIGKILL mid-way (as kill -9 would):
 *
 *   tsx tests/helpers/jobs-child.ts placement <db> <jobId> <chunkRows>
 *   tsx tests/helpers/jobs-child.ts daily <db> <chunkItems>
 *   tsx tests/helpers/jobs-child.ts engine <db> <asOf> <chunkClaims>
 *   tsx tests/helpers/jobs-child.ts letters <db>
 *
 * Prints `chunk N` after each committed chunk and pauses a little, so the test sees progress
 * and kills between (or during) chunks.
 */
import { openDatabase } from '../../src/lib/server/db/client';
import { runPlacement } from '../../src/lib/server/services/placing';
import { runDailyJobs } from '../../src/lib/server/services/jobs';
import { runEngine } from '../../src/lib/server/services/engine-run';
import { makeLetterBatches } from '../../src/lib/server/services/letter-writing';

const [what, file, ...rest] = process.argv.slice(2);
const db = openDatabase(file);
const pause = new Int32Array(new SharedArrayBuffer(4));
const afterChunk = (n: number) => {
	process.stdout.write(`chunk ${n}\n`);
	Atomics.wait(pause, 0, 0, 40);
};
if (what === 'placement')
	runPlacement(db, Number(rest[0]), { chunkRows: Number(rest[1]), afterChunk });
else if (what === 'engine') {
	let n = 0;
	runEngine(db, { asOf: rest[0], chunk: Number(rest[1]), afterChunk: () => afterChunk(++n) });
} else if (what === 'letters') {
	let n = 0;
	makeLetterBatches(db, { afterChunk: () => afterChunk(++n) });
} else runDailyJobs(db, { chunkItems: Number(rest[0]), afterChunk });
process.stdout.write('done\n');
