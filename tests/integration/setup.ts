import { afterAll } from 'vitest';
import { removeTempDbs } from '../helpers/db';

// Quiet JSON logs during tests; errors still print.
process.env.RENDEZ_QUIET = '1';

// Each test file removes the temporary databases it made.
afterAll(removeTempDbs);
