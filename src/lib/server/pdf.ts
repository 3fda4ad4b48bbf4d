/**
 * The one PDF writer: receipts, settlement certificates, plan confirmations (and the coming
 * letters) are drawn with it. pdfkit (maintained; wraps text and embeds a subset of the font), A4,
 * DejaVu Sans so ő and ű print. Callers say what to write; page breaks, wrapping, margins and the
 * font are decided here.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { translate, type Lang, type MessageKey } from '$lib/i18n';
import { clock } from './clock';

const FONT_MODULE = 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf';

/**
 * The font file: RENDEZ_PDF_FONT if set, else DejaVu Sans resolved from this module (not from the
 * working directory, so a server started from another folder still finds it).
 */
export function pdfFontPath(): string {
	return process.env.RENDEZ_PDF_FONT || createRequire(import.meta.url).resolve(FONT_MODULE);
}

/** Checked at server start: null when the font can be read, else one line saying what to do. */
export function pdfFontProblem(): string | null {
	let file = process.env.RENDEZ_PDF_FONT || FONT_MODULE;
	try {
		file = pdfFontPath();
		fs.accessSync(file, fs.constants.R_OK);
		return null;
	} catch {
		return `PDF font not found (${file}): receipts, certificates and plan PDFs will fail. Install the dejavu-fonts-ttf package or set RENDEZ_PDF_FONT to a TrueType font file.`;
	}
}

const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const LEFT = 56;
const RIGHT = 539;
const TOP = 52;
const BOTTOM = 56;
const INK = '#1a1f24';

export interface Cell {
	text: string;
	/** left edge, or right edge when `align` is 'right' */
	x: number;
	align?: 'left' | 'right';
	/** wrap the text within this many points (from x leftwards when right-aligned) */
	width?: number;
}

/** Writes from the top of the first page down; a new page starts when the next line would not fit. */
export class PdfWriter {
	constructor(private doc: PDFKit.PDFDocument) {}

	/** The right edge of the text area (for right-aligned columns). */
	readonly right = RIGHT;

	private fit(height: number) {
		if (this.doc.y + height > PAGE.height - BOTTOM) this.doc.addPage();
	}

	/** Text from the left margin, wrapped at the right one; '\n' starts a new line. */
	text(text: string, size = 11, gap = 6) {
		this.doc.fontSize(size);
		this.fit(this.doc.currentLineHeight());
		this.doc.text(text, LEFT, this.doc.y, { width: RIGHT - LEFT, lineGap: 1 });
		this.doc.y += gap - 1;
	}

	/** A label on the left and its value flush right on the same line (the label wraps if long). */
	row(label: string, value: string, size = 11, gap = 6) {
		this.doc.fontSize(size);
		const valueWidth = this.doc.widthOfString(value);
		this.cells(
			[
				{ text: label, x: LEFT },
				{ text: value, x: RIGHT, align: 'right' }
			],
			size,
			gap,
			RIGHT - LEFT - valueWidth - 12
		);
	}

	/** One line of a table: each cell at its own x. */
	cells(cells: Cell[], size = 11, gap = 6, firstWidth?: number) {
		this.doc.fontSize(size);
		this.fit(this.doc.currentLineHeight());
		const y = this.doc.y;
		let bottom = y + this.doc.currentLineHeight();
		cells.forEach((c, i) => {
			if (c.width != null) {
				const left = c.align === 'right' ? c.x - c.width : c.x;
				this.doc.text(c.text, left, y, { width: c.width, align: c.align ?? 'left' });
				bottom = Math.max(bottom, this.doc.y);
				return;
			}
			const width = this.doc.widthOfString(c.text);
			const x = c.align === 'right' ? c.x - width : c.x;
			const wrapAt = i === 0 && firstWidth ? firstWidth : undefined;
			this.doc.text(c.text, x, y, wrapAt ? { width: wrapAt } : { lineBreak: false });
			bottom = Math.max(bottom, this.doc.y);
		});
		this.doc.y = bottom + gap;
	}

	space(points = 10) {
		this.doc.y += points;
	}
}

/** An A4 document in the font, with the title in its properties; `done` resolves to its bytes once it ends. */
function a4Document(
	title: string,
	layout: Pick<PDFKit.PDFDocumentOptions, 'margins' | 'autoFirstPage'>
): { doc: PDFKit.PDFDocument; done: Promise<Uint8Array> } {
	const doc = new PDFDocument({
		size: 'A4',
		...layout,
		font: pdfFontPath(),
		info: {
			Title: title,
			Producer: 'Rendez',
			Creator: 'Rendez',
			CreationDate: new Date(clock().now())
		}
	});
	const chunks: Buffer[] = [];
	const done = new Promise<Uint8Array>((resolve, reject) => {
		doc.on('data', (c: Buffer) => chunks.push(c));
		doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
		doc.on('error', reject);
	});
	return { doc, done };
}

/** A new A4 document with the title in its properties; `draw` writes it; resolves to the bytes. */
export function writePdf(title: string, draw: (w: PdfWriter) => void): Promise<Uint8Array> {
	const { doc, done } = a4Document(title, {
		margins: { top: TOP, left: LEFT, right: PAGE.width - RIGHT, bottom: BOTTOM }
	});
	doc.fillColor(INK);
	doc.y = TOP;
	draw(new PdfWriter(doc));
	doc.end();
	return done;
}

/**
 * A document drawn at fixed positions (the letters: a window envelope puts the address where
 * DIN 5008 says): the same A4, font and properties as `writePdf`, but `draw` gets the pdfkit
 * document itself and places everything. Resolves to the bytes.
 */
export function writeLaidOutPdf(
	title: string,
	draw: (doc: PDFKit.PDFDocument) => void
): Promise<Uint8Array> {
	const { doc, done } = a4Document(title, {
		// where text that runs over continues on a new page (DIN 5008: 25 mm left, 20 mm right)
		margins: { top: 57, left: 71, right: 57, bottom: 71 },
		autoFirstPage: false
	});
	draw(doc);
	doc.end();
	return done;
}

export interface PdfFile {
	bytes: Uint8Array;
	filename: string;
}

export type Tr = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * A document for one reader, in their language: the agency's letterhead and the title first, then
 * what `draw` writes (given the writer and the translator).
 */
export async function writeDocument(
	lang: Lang,
	titleKey: MessageKey,
	filename: string,
	draw: (w: PdfWriter, tr: Tr) => void
): Promise<PdfFile> {
	const tr: Tr = (key, params) => translate(lang, key, params);
	const bytes = await writePdf(tr(titleKey), (w) => {
		w.text(tr('app.agency'), 10);
		w.space(10);
		w.text(tr(titleKey), 18, 12);
		draw(w, tr);
	});
	return { bytes, filename };
}
