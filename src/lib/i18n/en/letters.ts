import type hu from '../hu/letters';

const en: Record<keyof typeof hu, string> = {
	'ops.letters.title': 'Printing letters',
	'ops.letters.batches.caption': 'Printing letters',
	'ops.letters.intro':
		"Letters to send go into one batch a day. Make today's batch, download the PDF and the manifest for the print house, then mark the batch handed over: its letters then count as sent.",
	'ops.letters.due': 'Letters waiting for a batch: {count}',
	'ops.letters.build': "Make today's batch",
	'ops.letters.built':
		'Batch {id} made with {count} letters. Cancelled (claim paid, on hold, or letters not allowed): {cancelled}.',
	'ops.letters.builtNone':
		'No letters to send; no batch made. Cancelled (claim paid, on hold, or letters not allowed): {cancelled}.',
	'ops.letters.batches.empty': 'No print batch yet.',
	'ops.letters.making':
		'Batch {id} is being made; {count} letters are waiting for it. This page updates itself when it is ready.',
	'ops.letters.batches.col.id': 'Batch',
	'ops.letters.batches.col.day': 'Day',
	'ops.letters.batches.col.count': 'Letters',
	'ops.letters.batches.col.state': 'State',
	'ops.letters.batches.col.files': 'Download',
	'ops.letters.col.actions': 'Action',
	'ops.letters.batches.col.actions': 'Action',
	'ops.letters.state.open': 'Waiting for the print house',
	'ops.letters.state.handed_over': 'Handed over to the print house',
	'ops.letters.state.empty': 'Nothing to print (every letter cancelled)',
	'ops.letters.state.making': 'Being made…',
	'ops.letters.cancelledCount': 'Cancelled: {count}',
	'ops.letters.createdBy': 'Made by {name}',
	'ops.letters.handedOverBy': 'Handed over by {name}, {date}',
	'ops.letters.pdf': 'Letters (PDF)',
	'ops.letters.manifest': 'Manifest (CSV)',
	'ops.letters.open': 'Open batch {id}',
	'ops.letters.handOver': 'Handed over to the print house',
	'ops.letters.handedOver': 'The batch is marked handed over; its letters count as sent.',
	'ops.letters.batchTitle': 'Print batch {id} ({day})',
	'ops.letters.col.message': 'Letter',
	'ops.letters.col.reference': 'Case reference',
	'ops.letters.col.name': 'Recipient',
	'ops.letters.col.address': 'Address',
	'ops.letters.col.status': 'Status',
	'ops.letters.status.queued': 'Waiting to be printed',
	'ops.letters.status.sent': 'Sent',
	'ops.letters.status.delivered': 'Delivered',
	'ops.letters.status.bounced': 'Returned',
	'ops.letters.status.other': 'Other',
	'ops.letters.returned': 'Letter came back',
	'ops.letters.returnedDone':
		'The letter is marked returned; the postal address is taken as invalid and the next step uses another channel.',
	'ops.letters.empty': 'This batch has no letters.',
	'ops.letters.error.handedOver': 'This batch was already handed over to the print house.',
	'ops.letters.error.making':
		'A batch is still being made. Wait until it is ready before you start another.',
	'ops.letters.error.returned': 'This letter is already marked returned.',
	'ops.letters.error.notSent': 'This letter has not been sent yet, so it cannot have come back.'
};
export default en;
