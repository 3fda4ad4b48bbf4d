import type hu from '../hu/strategy';

const en: Record<keyof typeof hu, string> = {
	'strategy.error.range': 'Please enter a whole number from {min} to {max}.',
	'strategy.error.version': 'The version number is a positive whole number.',
	'strategy.error.leadsTo': 'The last stage can only lead to the legal handover.',
	'strategy.error.noChannels': 'Please choose at least one channel.',
	'strategy.error.channelUnknown': 'Unknown channel.',
	'strategy.error.channelTwice': 'A channel can appear only once in a step.',
	'strategy.error.template': 'Please choose a message template.',
	'strategy.error.noStages': 'A strategy needs at least one stage.',
	'strategy.error.lastNotLegal': 'The last stage must be the legal handover.',
	'strategy.error.stageUnknown': 'Unknown stage.',
	'strategy.error.stageTwice': 'A stage can appear only once.',
	'strategy.error.stageOrder':
		'Stages go in this order: friendly reminder, firm reminder, formal notice, legal handover.',
	'strategy.error.startOrder': 'This stage must start later than the one before it.',
	'strategy.error.amount': 'Please enter a valid amount, not negative.',
	'strategy.error.belowMinimum':
		'Please choose what happens below the minimum: skip the stage or close the case as uneconomic.',
	'strategy.error.fee': 'The fee must be a positive amount.',
	'strategy.error.noSteps': 'A stage needs at least one step.',
	'strategy.error.tooManySteps': 'A stage can have at most {max} steps.',
	'strategy.error.stepKey':
		'A step name starts with a small letter and has only small letters, digits, hyphens and underscores.',
	'strategy.error.stepKeyTwice': 'Two steps cannot have the same name.',
	'strategy.error.stepOrder': 'Steps must be in order of their days.',
	'strategy.error.stepAfterNext':
		'This step would never run, because the next stage starts first: day {max} at the latest.',
	'strategy.error.missed': 'Please choose what happens to missed days.',
	'strategy.fee.refused.contract': "The creditor's contract does not allow stage fees.",
	'strategy.fee.refused.consumer':
		'The EUR 40 collection-cost lump sum can only be charged to a business debtor.',
	'strategy.fee.refused.tooLate':
		'The EUR 40 collection-cost lump sum can only be charged within a year of default.',
	'strategy.fee.refused.alreadyCharged':
		'The collection-cost lump sum was already charged on this case.',
	'strategy.fee.refused.noRate': 'There is no exchange rate to convert EUR 40.'
};
export default en;
