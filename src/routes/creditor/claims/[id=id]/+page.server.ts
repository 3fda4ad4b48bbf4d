import type { PageServerLoad } from './$types';
import { getClaimDetail } from '$lib/server/services/creditor-claims';
import { claimContacts } from '$lib/server/services/messages-of-claim';
import { staffRecord } from '$lib/server/http/record';
import { claimPapers } from '$lib/server/services/creditor-claim-papers';
import { clock } from '$lib/server/clock';
import { localDate } from '$lib/domain/clock';

export const load: PageServerLoad = ({ params }) =>
	staffRecord(['creditor'], params.id, (db, actor, id) => ({
		detail: getClaimDetail(db, actor, id),
		// contacts by channel and outcome, messages included (never their text)
		contacts: claimContacts(db, actor, id),
		// promises, disputes with their answers, and the claim's documents
		papers: claimPapers(db, actor, id),
		// an installment whose day has not come is 'upcoming', not 'due' (installmentWord)
		today: localDate(clock().now())
	})).record;
