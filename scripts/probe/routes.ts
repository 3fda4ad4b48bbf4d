/**
 * The probe's map of the app, read from the route files under src/routes: every page and endpoint
 * with its form actions, the form fields its markup and actions name, and the query keys it reads.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROUTES = path.resolve(import.meta.dirname, '../../src/routes');

export interface Route {
	/** e.g. /creditor/claims/[id=id] */
	pattern: string;
	dir: string;
	page: boolean;
	endpoint: boolean;
	actions: string[];
	fields: string[];
	query: string[];
}

function walk(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		return e.isDirectory() ? [p, ...walk(p)] : [];
	});
}

const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');

/** The keys of `export const actions = { ... }` (one tab in, up to the closing `};`). */
function actionNames(src: string): string[] {
	const start = src.indexOf('export const actions');
	if (start < 0) return [];
	const block = src.slice(start, src.indexOf('\n};', start));
	return [...block.matchAll(/^\t(?:async\s+)?(\w+)\s*[:(]/gm)].map((m) => m[1]);
}

export function routes(): Route[] {
	const out: Route[] = [];
	for (const dir of [ROUTES, ...walk(ROUTES)]) {
		const files = fs.readdirSync(dir);
		const page = files.includes('+page.svelte');
		const endpoint = files.includes('+server.ts');
		if (!page && !endpoint) continue;
		const server = read(path.join(dir, '+page.server.ts'));
		// the folder's .ts and .svelte files and the local modules they import (shared filters,
		// form components in a parent folder)
		const modules = files.filter((f) => /\.(ts|svelte)$/.test(f)).map((f) => path.join(dir, f));
		for (const f of modules)
			for (const m of read(f).matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
				const dep = path.resolve(path.dirname(f), m[1]);
				const file = dep.endsWith('.svelte') ? dep : dep.replace(/(\.ts)?$/, '.ts');
				if (!modules.includes(file)) modules.push(file);
			}
		const local = modules.map(read).join('\n');
		const fields = new Set<string>();
		for (const m of local.matchAll(/\bname="([\w[\]]+)"/g)) fields.add(m[1]);
		for (const m of local.matchAll(/(?:text|file|get|getAll)\(\s*form,\s*'(\w+)'/g))
			fields.add(m[1]);
		for (const m of local.matchAll(/form(?:Data)?\.get(?:All)?\('(\w+)'\)/g)) fields.add(m[1]);
		const query = new Set(['lang']);
		for (const m of modules
			.filter((f) => f.endsWith('.ts'))
			.map(read)
			.join('\n')
			.matchAll(/\b(?:get|getAll|has|q)\('(\w+)'\)/g))
			query.add(m[1]);
		const pattern = '/' + path.relative(ROUTES, dir).split(path.sep).join('/');
		out.push({
			pattern: pattern === '/' ? '/' : pattern,
			dir,
			page,
			endpoint,
			actions: actionNames(server),
			fields: [...fields],
			query: [...query]
		});
	}
	return out;
}
