import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getClaimDetail } from '$lib/server/services/creditor-claims';
import { claimContacts } from '$lib/server/services/messages-of-claim';
import { idParam, orHttp } from '$lib/server/http';
import { claimPapers } from '$lib/server/services/creditor-claim-papers';

export const load: PageServerLoad = ({ params }) => {
	const actor = requireRole('creditor');
	const id = idParam(params.id);
	return {
		detail: orHttp(() => getClaimDetail(getDb(), actor, id)),
		// contacts by channel and outcome, messages included (never their text)
		contacts: orHttp(() => claimContacts(getDb(), actor, id)),
		// promises, disputes with their answers, and the claim's documents
		papers: orHttp(() => claimPapers(getDb(), actor, id))
	};
};
