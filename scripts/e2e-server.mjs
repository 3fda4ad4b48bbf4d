// Seeds a fresh database for the browser tests, then starts the built server (`node build`).
import { execFileSync, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';

// no options: anything given is a mistake (strict parseArgs refuses it, exit code 2)
try {
	parseArgs({ options: {}, strict: true });
} catch (e) {
	console.error(`${e.message}\nusage: node ${process.argv[1]} (no options)`);
	process.exit(2);
}

const db = process.env.DATABASE_URL;
for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
execFileSync('npx', ['tsx', 'scripts/seed.ts', '--seed', '7', '--claims', '400', '--quiet'], {
	stdio: 'inherit',
	env: process.env
});
const server = spawn(process.execPath, ['build'], { stdio: 'inherit', env: process.env });
const stop = () => server.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
server.on('exit', (code) => process.exit(code ?? 0));
