// Quiet JSON logs during tests; errors still print.
process.env.RENDEZ_QUIET = '1';
