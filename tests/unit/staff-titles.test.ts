/**
 * Staff pages name themselves the same way everywhere: every title ends in " · Rendez", and each
 * link of the operators' menu says what the heading of its page says (the same text key), so a new
 * operator finds the page the menu promised.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { filesUnder } from '../helpers/source-files';

const ROUTES = path.resolve('src/routes');

const pages = (dir: string) => filesUnder(dir, /^\+page\.svelte$/);

describe('staff page titles and the operators’ menu', () => {
	it('ends every staff title with the name of the service', () => {
		const bare = ['ops', 'creditor', 'admin', 'field']
			.flatMap((area) => pages(path.join(ROUTES, area)))
			.filter((f) => {
				const title = /<title>([\s\S]*?)<\/title>/.exec(fs.readFileSync(f, 'utf8'))?.[1];
				return title !== undefined && !title.trim().endsWith("· {t('app.name')}");
			})
			.map((f) => path.relative(ROUTES, f));
		expect(bare).toEqual([]);
	});

	it("names each menu page as the page's heading does", () => {
		const layout = fs.readFileSync(path.join(ROUTES, 'ops/+layout.svelte'), 'utf8');
		const links = [...layout.matchAll(/\{ href: '\/ops\/([a-z]+)', key: '([^']+)' \}/g)];
		expect(links.length).toBeGreaterThan(10);
		for (const [, dir, key] of links) {
			const page = fs.readFileSync(path.join(ROUTES, 'ops', dir, '+page.svelte'), 'utf8');
			const h1 = /<h1>\{t\('([^']+)'\)\}<\/h1>/.exec(page)?.[1];
			expect(h1, dir).toBe(key);
		}
	});
});
