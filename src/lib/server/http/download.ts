import { throwHttp } from './errors';

/**
 * A document made for the person asking (receipt, certificate, plan) as a PDF download: the
 * service's NotFound/Forbidden become 404/403, and the answer is never cached (it is personal).
 */
export async function pdfDownload(
	make: () => Promise<{ bytes: Uint8Array; filename: string }>
): Promise<Response> {
	let pdf;
	try {
		pdf = await make();
	} catch (e) {
		throwHttp(e);
	}
	return new Response(Buffer.from(pdf.bytes), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${pdf.filename}"`,
			'cache-control': 'no-store'
		}
	});
}
