/**
 * Hungarian texts of the debtor's claim page on the messages and letters sent about the claim
 * (issue 17 item 4). The server writes them into the page's data (messages-of-claim.ts
 * claimMessages), so debtors' phones never download them: in the full dictionary (index.ts), not
 * in base.ts.
 */
export default {
	'portal.messages.title': 'Üzeneteink és leveleink ebben az ügyben',
	'portal.messages.none': 'Ebben az ügyben még nem küldtünk Önnek üzenetet vagy levelet.',
	'portal.messages.date': 'Dátum',
	'portal.messages.channel': 'Hogyan',
	'portal.messages.what': 'Mit',
	'portal.messages.channel.sms': 'SMS',
	'portal.messages.channel.email': 'E-mail',
	'portal.messages.channel.letter': 'Postai levél',
	'portal.messages.sms': 'Rövid üzenet a személyes oldala linkjével',
	'portal.messages.email': 'E-mail a személyes oldala linkjével',
	'portal.messages.letter': 'Levél',
	'portal.messages.pdf': '{subject} (PDF)',
	'portal.messages.letterScoped': '{subject} (levél; a személyes linkkel belépve letölthető)'
} as const;
