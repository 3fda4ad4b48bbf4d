import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { handoverPackage } from '$lib/server/services/handover-package';
import { ConflictError } from '$lib/server/services/errors';
import { idParam, throwHttp } from '$lib/server/http';
import { fileDownload } from '$lib/server/http/download';
import { translate } from '$lib/i18n';

/** The handover package (ZIP) for the law firm: personal data, never cached, its download audited. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const actor = requireRole('operator', 'admin');
	const handoverId = idParam(params.id);
	let pkg;
	try {
		pkg = await handoverPackage(getDb(), actor, { handoverId, lang: locals.lang });
	} catch (e) {
		// not checked yet, or withdrawn: said in words, not a server error
		if (e instanceof ConflictError) error(409, { message: translate(locals.lang, e.key) });
		throwHttp(e);
	}
	return fileDownload(pkg.bytes, 'application/zip', pkg.filename);
};
