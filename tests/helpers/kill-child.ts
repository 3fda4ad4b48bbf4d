/**
 * Runs long work in a child process (tests/helpers/jobs-child.ts) until it has printed
 * `chunk <killAt>`, then SIGKILLs it, as kill -9 would. Resolves with what it printed and how it
 * ended (`exit SIGKILL`).
 */
import { spawn } from 'node:child_process';

export function runAndKill(args: string[], killAt: number): Promise<string> {
	return new Promise((resolve, reject) => {
		// node itself (not npx, whose child would outlive the kill) with tsx as its loader
		const child = spawn(
			process.execPath,
			['--import', 'tsx', 'tests/helpers/jobs-child.ts', ...args],
			{ env: { ...process.env, RENDEZ_QUIET: '1' }, stdio: ['ignore', 'pipe', 'inherit'] }
		);
		let out = '';
		child.stdout.on('data', (d: Buffer) => {
			out += d.toString();
			if (out.includes(`chunk ${killAt}\n`)) child.kill('SIGKILL');
		});
		child.on('error', reject);
		child.on('exit', (_code, signal) => resolve(`${out}exit ${signal}`));
	});
}
