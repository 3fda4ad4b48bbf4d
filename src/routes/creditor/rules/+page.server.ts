import type { Actions, PageServerLoad } from './$types';
import { loadRulesEditor, saveRulesAction } from './editor.server';

export const load: PageServerLoad = ({ url }) => loadRulesEditor(url, ['creditor', 'admin']);

export const actions: Actions = {
	save: ({ request, url }) => saveRulesAction(request, url, ['creditor', 'admin'])
};
