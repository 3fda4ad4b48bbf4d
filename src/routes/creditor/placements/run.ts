/**
 * Uploads are validated by the jobs worker thread (src/lib/server/jobs/runner.ts), off the request
 * thread, and taken up again after a restart: this only wakes it (a page reload may wake it again).
 */
import { jobQueued } from '$lib/server/jobs/queue';

export function startValidation(..._job: unknown[]): void {
	jobQueued();
}
