// Playwright uses Debian's Chromium; nothing here may download a browser.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { parseArgs } from 'node:util';

// no options: anything given is a mistake (strict parseArgs refuses it, exit code 2)
try {
	parseArgs({ options: {}, strict: true });
} catch (e) {
	console.error(`${e.message}\nusage: node ${process.argv[1]} (no options)`);
	process.exit(2);
}

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
	const root = typeof process.getuid === 'function' && process.getuid() === 0;
	if (root) {
		console.log(
			"Chromium is missing: installing Debian's chromium package (apt-get install -y chromium)..."
		);
		execSync(
			'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
			{ stdio: 'inherit' }
		);
	} else {
		console.error(
			`Chromium not found at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`
		);
		process.exit(1);
	}
}
