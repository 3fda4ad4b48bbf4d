import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					environment: 'node',
					sequence: { groupOrder: 0 }
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					setupFiles: ['tests/integration/setup.ts'],
					// each file builds its own SQLite file; keep two cores from thrashing
					maxWorkers: 2,
					sequence: { groupOrder: 1 },
					testTimeout: 30_000
				}
			}
		]
	}
});
