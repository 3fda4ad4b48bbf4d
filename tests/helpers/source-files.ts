/** The files of the source tree that the tests which read source (layers, i18n, audit words, titles) look at. */
import fs from 'node:fs';
import path from 'node:path';

/** Every file below `dir` whose name `wanted` accepts (source files by default). */
export function filesUnder(dir: string, wanted: RegExp = /\.(ts|js|svelte)$/): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) return filesUnder(p, wanted);
		return wanted.test(e.name) ? [p] : [];
	});
}
