/**
 * The routes of the app, read from the file system for the access sweep (access-sweep.spec.ts):
 * every +page.server.ts, +page.svelte and +server.ts under src/routes, with the named actions of a
 * page and the methods of an endpoint, so a route added tomorrow is swept without anyone
 * remembering.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Route {
	id: string;
	segments: string[];
	area: string;
	page: boolean;
	actions: string[];
	methods: string[];
}

/**
 * Top-level keys of `export const actions = { ... }` (property or method syntax); a call as a
 * property's value (`reply: recordForm(...)`) is the value, not a method.
 */
export function actionNames(src: string): string[] {
	const at = src.search(/export\s+const\s+actions\b/);
	if (at < 0) return [];
	const open = src.indexOf('{', src.indexOf('=', at));
	const names: string[] = [];
	let depth = 0;
	let i = open;
	let token = '';
	let quote: string | null = null;
	// after a top-level `name:` until its `,`
	let inValue = false;
	for (; i < src.length; i++) {
		const ch = src[i];
		if (quote) {
			if (ch === '\\') i++;
			else if (ch === quote) quote = null;
			continue;
		}
		if (ch === '"' || ch === "'" || ch === '`') {
			quote = ch;
			continue;
		}
		if (ch === '/' && src[i + 1] === '/') {
			i = src.indexOf('\n', i);
			continue;
		}
		if (ch === '/' && src[i + 1] === '*') {
			i = src.indexOf('*/', i) + 1;
			continue;
		}
		if (ch === '{' || ch === '(' || ch === '[') {
			if (depth === 1 && ch === '(' && token && !inValue && !['async', 'function'].includes(token))
				names.push(token);
			depth++;
			token = '';
			continue;
		}
		if (ch === '}' || ch === ')' || ch === ']') {
			depth--;
			token = '';
			if (depth === 0) break;
			continue;
		}
		if (depth === 1) {
			if (/[\w$]/.test(ch)) token += ch;
			else if (ch === ':') {
				if (token && !inValue) names.push(token);
				inValue = true;
				token = '';
			} else if (ch === ',') {
				inValue = false;
				token = '';
			} else if (!/\s/.test(ch)) token = '';
			else if (token === 'async' || !/^\s*[:(]/.test(src.slice(i, i + 40))) {
				// whitespace ends a word unless ':' or '(' follows; `async name(` drops the `async`
				token = '';
			}
		}
	}
	return [...new Set(names)];
}

function exportedMethods(src: string): string[] {
	const m = [
		...src.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)
	].map((x) => x[1]);
	return [...new Set(m)];
}

export function walk(dir: string, rel: string[] = [], out: Route[] = []): Route[] {
	const files = fs.readdirSync(dir, { withFileTypes: true });
	const names = new Set(files.filter((f) => f.isFile()).map((f) => f.name));
	const has = (n: string) => names.has(n) || names.has(n.replace('.ts', '.js'));
	const pageServer = has('+page.server.ts')
		? fs.readFileSync(
				path.join(dir, names.has('+page.server.ts') ? '+page.server.ts' : '+page.server.js'),
				'utf8'
			)
		: '';
	const server = has('+server.ts')
		? fs.readFileSync(path.join(dir, names.has('+server.ts') ? '+server.ts' : '+server.js'), 'utf8')
		: '';
	const page = has('+page.server.ts') || names.has('+page.svelte') || has('+page.ts');
	if (page || server) {
		const segments = rel.filter((s) => !/^\(.*\)$/.test(s));
		out.push({
			id: '/' + segments.join('/'),
			segments,
			area: segments[0] ?? '',
			page,
			actions: actionNames(pageServer),
			methods: exportedMethods(server)
		});
	}
	for (const f of files) if (f.isDirectory()) walk(path.join(dir, f.name), [...rel, f.name], out);
	return out;
}
