import { throwHttp } from './errors';

/**
 * A document made for the person asking (receipt, certificate, plan) as a PDF download: the
 * service's NotFound/Forbidden/Conflict become 404/403/409, and the answer is never cached (it is personal).
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

/**
 * A file of personal data as a download (a claim's document, a dispute's attachment, a handover
 * package): its type and name, never cached, and the browser may not guess another type.
 */
export function fileDownload(bytes: Uint8Array, type: string, filename: string): Response {
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': type,
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'no-store',
			'x-content-type-options': 'nosniff'
		}
	});
}

/** An upload as it was stored (PDF, PNG or JPEG): `name` and the extension its type gives. */
export function uploadDownload(
	file: { mime: string; content: Uint8Array },
	name: string
): Response {
	const ext = file.mime === 'application/pdf' ? 'pdf' : file.mime === 'image/png' ? 'png' : 'jpg';
	return fileDownload(file.content, file.mime, `${name}.${ext}`);
}
