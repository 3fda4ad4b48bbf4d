import type { Actions, PageServerLoad } from './$types';
import { loadRulesEditor, saveRulesAction } from '../../creditor/rules/editor.server';

/** Admins edit any creditor's installment rules (the same editor as /creditor/rules, with a creditor picker). */
export const load: PageServerLoad = ({ url }) => loadRulesEditor(url, ['admin']);

export const actions: Actions = {
	save: ({ request, url }) => saveRulesAction(request, url, ['admin'])
};
