/**
 * The layers stay closed: routes reach the database only through services (no drizzle-orm, no
 * schema), and the domain stays pure (nothing from the server, SvelteKit's $app or $env). And no
 * element spreads its attributes (the debtors' JavaScript). Reads
 * every import of every file as text, so it also catches a dynamic import().
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { filesUnder } from '../helpers/source-files';

const ROOT = path.resolve('src');
const LIB = path.join(ROOT, 'lib');

/** Every module a file imports (static, re-export, dynamic), as written. */
function importsOf(source: string): string[] {
	const specs: string[] = [];
	const patterns = [
		/\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
		/\bimport\s*['"]([^'"]+)['"]/g,
		/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g
	];
	for (const re of patterns) for (const m of source.matchAll(re)) specs.push(m[1]);
	return specs;
}

/** A specifier as a path inside src/ where it is one ($lib or relative), else as written. */
function target(file: string, spec: string): string {
	if (spec === '$lib' || spec.startsWith('$lib/')) return path.join(LIB, spec.slice(5));
	if (spec.startsWith('.')) return path.resolve(path.dirname(file), spec);
	return spec;
}

const inside = (p: string, dir: string) => p === dir || p.startsWith(dir + path.sep);

function violations(dir: string, forbidden: (target: string, spec: string) => boolean): string[] {
	return filesUnder(dir).flatMap((file) =>
		importsOf(fs.readFileSync(file, 'utf8'))
			.filter((spec) => forbidden(target(file, spec), spec))
			.map((spec) => `${path.relative(process.cwd(), file)} imports ${spec}`)
	);
}

const SCHEMA = path.join(LIB, 'server/db/schema');
const routeRule = (t: string, spec: string) =>
	spec === 'drizzle-orm' || spec.startsWith('drizzle-orm/') || inside(t, SCHEMA);

describe('layers', () => {
	it('reads every kind of import', () => {
		const src = `import a from 'x1';\nimport { b,\n c } from "x2";\nimport 'x3';\nexport * from './x4';\nconst d = await import('x5');\nimport type { E } from 'x6';`;
		expect(importsOf(src).sort()).toEqual(['./x4', 'x1', 'x2', 'x3', 'x5', 'x6']);
	});

	it('the rule catches a route that imports drizzle-orm or the schema, by $lib or relative path', () => {
		const route = path.join(ROOT, 'routes/x/+page.server.ts');
		for (const spec of [
			'drizzle-orm',
			'drizzle-orm/sqlite-core',
			'$lib/server/db/schema',
			'$lib/server/db/schema/claims',
			'../../lib/server/db/schema/index'
		])
			expect(routeRule(target(route, spec), spec), spec).toBe(true);
		expect(routeRule(target(route, '$lib/server/services/x'), '$lib/server/services/x')).toBe(
			false
		);
	});

	it('no route imports drizzle-orm or the schema: routes go through services', () => {
		expect(violations(path.join(ROOT, 'routes'), routeRule)).toEqual([]);
	});

	it('the domain imports nothing from the server, $app or $env', () => {
		const SERVER = path.join(LIB, 'server');
		const found = violations(
			path.join(LIB, 'domain'),
			(t, spec) =>
				inside(t, SERVER) ||
				spec.startsWith('$app/') ||
				spec.startsWith('$env/') ||
				spec.startsWith('node:') ||
				['drizzle-orm', 'better-sqlite3'].includes(spec.split('/')[0])
		);
		expect(found).toEqual([]);
	});

	// Svelte keeps its runtime in one chunk that every page loads, the debtors' phones too: an
	// element spread anywhere (even on a staff page) adds the spread runtime, some 1.4 KB gzipped
	it('no element spreads its attributes (<input {...a}>): components may, elements name theirs', () => {
		const found = filesUnder(ROOT)
			.filter((f) => f.endsWith('.svelte'))
			.flatMap((f) =>
				[...fs.readFileSync(f, 'utf8').matchAll(/<([a-z][a-z0-9-]*)\b[^>]*?\{\.\.\./g)].map(
					(m) => `${path.relative(ROOT, f)}: <${m[1]}`
				)
			);
		expect(found).toEqual([]);
	});
});
