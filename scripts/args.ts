/**
 * Command-line options for every script: `node:util` parseArgs in strict mode, so an unknown or
 * misspelt option (`--dryrun` for `--dry-run`) is refused with the usage line and exit code 2
 * instead of being ignored.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export function cliArgs<const O extends Options, const P extends boolean = false>(
	usage: string,
	options: O,
	allowPositionals?: P
) {
	try {
		return parseArgs({
			args: process.argv.slice(2),
			options,
			strict: true,
			allowPositionals: (allowPositionals ?? false) as P
		});
	} catch (e) {
		console.error(`${(e as Error).message}\n${usage}`);
		process.exit(2);
	}
}

/** A whole-number option, or the usage line and exit code 2. */
export function wholeNumber(name: string, value: string | undefined, usage: string, dflt: number) {
	if (value === undefined) return dflt;
	if (!/^\d+$/.test(value)) {
		console.error(`--${name} needs a whole number\n${usage}`);
		process.exit(2);
	}
	return Number(value);
}

/** Options that each take a string value: `cliArgs(usage, strings('db', 'port'))`. */
export function strings<const N extends string>(...names: N[]) {
	return Object.fromEntries(names.map((n) => [n, { type: 'string' }])) as Record<
		N,
		{ type: 'string' }
	>;
}
