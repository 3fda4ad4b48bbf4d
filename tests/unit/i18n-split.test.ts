/**
 * Debtors' phones download only the base dictionary (messages.ts); the staff areas add the staff
 * part. So the base part holds no staff texts, and no debtor-facing page asks for one (it would
 * show the bare key).
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import huBase from '../../src/lib/i18n/hu/base';
import enBase from '../../src/lib/i18n/en/base';
import huStaff from '../../src/lib/i18n/hu/staff';
import { filesUnder } from '../helpers/source-files';

const STAFF =
	/^(ops|rules|admin|creditor|handover|payments\.(ops|refund|flag)|portal\.dispute\.ops)\./;

const files = (dir: string) => filesUnder(dir, /\.(svelte|ts)$/);

describe("the debtors' dictionary and the staff one", () => {
	it('keeps staff texts out of the base part, in both languages', () => {
		expect(Object.keys(huBase).filter((k) => STAFF.test(k))).toEqual([]);
		expect(Object.keys(enBase).filter((k) => STAFF.test(k))).toEqual([]);
		expect(Object.keys(huStaff).length).toBeGreaterThan(300);
	});

	it('debtor-facing pages and shared components ask for no staff text', () => {
		const debtorFacing = [
			...['my', 'p', 'pay', 'genuine'].flatMap((d) => files(path.join('src/routes', d))),
			...fs
				.readdirSync('src/routes')
				.filter((f) => /^\+.*\.(svelte|ts)$/.test(f))
				.map((f) => path.join('src/routes', f)),
			...files('src/lib/components')
		];
		expect(debtorFacing.length).toBeGreaterThan(20);
		const asked = debtorFacing.flatMap((f) =>
			[
				...fs
					.readFileSync(f, 'utf8')
					.matchAll(
						/['`"]((?:ops|rules|admin|creditor|payments\.(?:ops|refund|flag)|portal\.dispute\.ops)\.[\w.${}]+)['`"]/g
					)
			].map((m) => `${f}: ${m[1]}`)
		);
		expect(asked).toEqual([]);
	});
});
