import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4173);
const DB = process.env.E2E_DATABASE_URL ?? './data/e2e.db';
const root = typeof process.getuid === 'function' && process.getuid() === 0;

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	reporter: process.env.CI ? 'list' : [['list']],
	use: {
		baseURL: `http://localhost:${PORT}`,
		trace: 'off',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
			args: [
				...(root ? ['--no-sandbox'] : []),
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
	webServer: {
		// a freshly seeded database every run, then the built server exactly as production runs it
		command: `node scripts/e2e-server.mjs`,
		url: `http://localhost:${PORT}/healthz`,
		reuseExistingServer: false,
		timeout: 180_000,
		env: {
			PORT: String(PORT),
			ORIGIN: `http://localhost:${PORT}`,
			DATABASE_URL: DB,
			PAYMENT_GATEWAY: 'demo',
			BODY_SIZE_LIMIT: '60M',
			RENDEZ_QUIET: '1',
			// no message channel on the shared e2e server (a spec that sends starts its own server)
			MESSAGES: 'off'
		}
	}
});
