/**
 * The admin's template editor (issue 17 item 2): every template key × channel × language with its
 * current version (the built-in text of domain/messages.ts is version 0), its history, and an edit
 * that is saved as a NEW template_versions row (rows are never changed: every sent message points
 * at the exact version it used). Before saving, the text is rendered with real sample data and
 * checked as the unit tests check the built-in texts (checkTemplateText: C3, C4, C8, the link, the
 * SMS length); a refusal names the rule next to the field, and nothing is saved.
 *
 * The dispatcher reads the newest row per key/channel/lang (services/templates.ts); this file only
 * writes rows and shows them.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '$lib/domain/actor';
import { addDays, localDate } from '$lib/domain/clock';
import {
	MESSAGE_CHANNELS,
	PLACEHOLDERS,
	TEMPLATES,
	checkTemplateText,
	render,
	sampleParams,
	smsParts,
	templateFor,
	type Lang,
	type MessageChannel,
	type MessageText,
	type SampleData
} from '$lib/domain/messages';
import { formatMoney, type Currency } from '$lib/domain/money';
import { formatDate } from '$lib/format';
import type { DB } from '../db/client';
import { claims, creditors, staffUsers, templateVersions } from '../db/schema';
import { clock } from '../clock';
import { insertAudited } from './audit';
import { assertAdmin } from './actor';
import { NotFoundError, ValidationError } from './errors';
import { writeTx } from './tx';
import { zodToValidation } from './staff';

export const TEMPLATE_LANGS: readonly Lang[] = ['hu', 'en'];

export interface TemplateId {
	key: string;
	channel: MessageChannel;
	lang: Lang;
}

export interface TemplateListRow extends TemplateId {
	/** 0: the built-in text */
	version: number;
	changedAt: number | null;
	changedBy: string | null;
}

/** Every template key × channel × language the built-in texts define. */
export function templateIds(): TemplateId[] {
	const out: TemplateId[] = [];
	for (const key of Object.keys(TEMPLATES))
		for (const channel of MESSAGE_CHANNELS)
			for (const lang of TEMPLATE_LANGS)
				if (templateFor(key, channel, lang)) out.push({ key, channel, lang });
	return out;
}

/** The id if it names a template (a key, channel and language from a URL), else NotFoundError. */
export function templateId(key: string, channel: string, lang: string): TemplateId {
	const c = MESSAGE_CHANNELS.find((x) => x === channel);
	const l = TEMPLATE_LANGS.find((x) => x === lang);
	if (!c || !l || !templateFor(key, c, l)) throw new NotFoundError('template');
	return { key, channel: c, lang: l };
}

const idKey = (t: TemplateId) => `${t.key}|${t.channel}|${t.lang}`;

/** For /admin/templates: each template with its current version and who changed it when. */
export function listTemplates(db: DB, actor: Actor): TemplateListRow[] {
	assertAdmin(actor);
	const newest = db
		.select({
			key: templateVersions.key,
			channel: templateVersions.channel,
			lang: templateVersions.lang,
			version: templateVersions.version,
			createdAt: templateVersions.createdAt,
			createdBy: staffUsers.name
		})
		.from(templateVersions)
		.leftJoin(staffUsers, eq(staffUsers.id, templateVersions.createdBy))
		.where(
			sql`${templateVersions.version} = (SELECT max(v.version) FROM template_versions v
			     WHERE v.key = ${templateVersions.key} AND v.channel = ${templateVersions.channel}
			       AND v.language = ${templateVersions.lang})`
		)
		.all();
	const byId = new Map(newest.map((r) => [idKey({ ...r, lang: r.lang as Lang }), r]));
	return templateIds().map((t) => {
		const r = byId.get(idKey(t));
		return {
			...t,
			version: r?.version ?? 0,
			changedAt: r?.createdAt ?? null,
			changedBy: r?.createdBy ?? null
		};
	});
}

export interface TemplateVersionText extends MessageText {
	version: number;
	createdAt: number | null;
	createdBy: string | null;
}

function versions(db: DB, t: TemplateId) {
	return db
		.select({
			version: templateVersions.version,
			subject: templateVersions.subject,
			body: templateVersions.body,
			createdAt: templateVersions.createdAt,
			createdBy: staffUsers.name
		})
		.from(templateVersions)
		.leftJoin(staffUsers, eq(staffUsers.id, templateVersions.createdBy))
		.where(
			and(
				eq(templateVersions.key, t.key),
				eq(templateVersions.channel, t.channel),
				eq(templateVersions.lang, t.lang)
			)
		)
		.orderBy(desc(templateVersions.version))
		.all();
}

function builtIn(t: TemplateId): TemplateVersionText {
	const b = templateFor(t.key, t.channel, t.lang)!;
	return { version: 0, subject: b.subject, body: b.body, createdAt: null, createdBy: null };
}

/**
 * Real sample data: the newest claim's reference, creditor and balance (a made-up name: the
 * preview shows no debtor), a deadline two weeks on and the next step the day after it.
 */
export function sampleData(db: DB, lang: Lang): SampleData {
	const c = db
		.select({
			reference: claims.reference,
			creditor: creditors.name,
			balance: claims.balanceMinor,
			currency: claims.currency
		})
		.from(claims)
		.innerJoin(creditors, eq(creditors.id, claims.creditorId))
		.orderBy(desc(claims.id))
		.limit(1)
		.get();
	const today = localDate(clock().now());
	return {
		name: lang === 'hu' ? 'Minta Éva' : 'Eva Sample',
		reference: c?.reference ?? 'DB-2026-0000042',
		creditor: c?.creditor ?? 'Duna Bank Zrt.',
		amount: formatMoney(c?.balance ?? 12_345_600, (c?.currency ?? 'HUF') as Currency, lang),
		deadline: formatDate(addDays(today, 14), lang),
		nextStepDate: formatDate(addDays(today, 15), lang)
	};
}

/** Every creditor's full and short name: none may stand in an SMS or an e-mail (C3). */
function creditorNames(db: DB): string[] {
	const rows = db
		.select({ name: creditors.name, short: creditors.shortName })
		.from(creditors)
		.all();
	return [...new Set(rows.flatMap((r) => [r.name, r.short]))];
}

/** The text rendered with the sample data, or null when it cannot be (a placeholder it may not carry). */
function preview(t: TemplateId, text: MessageText, sample: SampleData): MessageText | null {
	try {
		return render(text, t.channel, sampleParams(t.lang, sample));
	} catch {
		return null;
	}
}

export interface TemplateDetail extends TemplateId {
	current: TemplateVersionText;
	/** the version on screen: the current one, or an older one asked for */
	shown: TemplateVersionText;
	/** newest first, down to the built-in version 0 */
	history: { version: number; createdAt: number | null; createdBy: string | null }[];
	/** the shown text rendered with sample data */
	preview: MessageText | null;
	/** the placeholders this channel may use */
	placeholders: readonly string[];
	/** an SMS preview's number of parts */
	smsParts: number | null;
}

export function templateDetail(
	db: DB,
	actor: Actor,
	t: TemplateId,
	version: number | null = null
): TemplateDetail {
	assertAdmin(actor);
	const rows: TemplateVersionText[] = versions(db, t).map((r) => ({
		...r,
		subject: r.subject ?? undefined
	}));
	rows.push(builtIn(t));
	const current = rows[0];
	const shown = version === null ? current : rows.find((r) => r.version === version);
	if (!shown) throw new NotFoundError('template version');
	const shownPreview = preview(t, shown, sampleData(db, t.lang));
	return {
		...t,
		current,
		shown,
		history: rows.map(({ version, createdAt, createdBy }) => ({ version, createdAt, createdBy })),
		preview: shownPreview,
		placeholders: PLACEHOLDERS[t.channel],
		smsParts: t.channel === 'sms' && shownPreview ? smsParts(shownPreview.body.trim()).parts : null
	};
}

export const templateSchema = z.object({
	subject: z.string().max(200, { message: 'admin.templates.subjectTooLong' }).optional(),
	body: z.string().trim().min(1).max(4000, { message: 'admin.templates.bodyTooLong' })
});
export type TemplateInput = z.input<typeof templateSchema>;

/** i18n key of a refusal's rule, with the word at fault */
const problemKey = (code: string) => `admin.templates.problem.${code}`;

/**
 * Saves an edit as the next version, after the checks; an unchanged text is not a new version.
 * Returns the new version number.
 */
export function saveTemplateVersion(
	db: DB,
	actor: Actor,
	t: TemplateId,
	input: TemplateInput
): { version: number; id: number } {
	assertAdmin(actor);
	templateId(t.key, t.channel, t.lang);
	const parsed = templateSchema.safeParse(input);
	if (!parsed.success) throw zodToValidation(parsed.error);
	const body = parsed.data.body.replace(/\r\n/g, '\n');
	const subject = t.channel === 'sms' ? undefined : (parsed.data.subject ?? '').trim();
	const problems = checkTemplateText(
		t.channel,
		t.lang,
		{ subject, body },
		sampleData(db, t.lang),
		creditorNames(db),
		t.key
	);
	if (problems.length > 0) {
		const fields: Record<string, { key: string; params: Record<string, string> }> = {};
		for (const p of problems)
			fields[p.field] ??= { key: problemKey(p.code), params: { detail: p.detail ?? '' } };
		throw new ValidationError(fields);
	}
	return writeTx(db, () => {
		const all = versions(db, t);
		const current = all[0] ?? builtIn(t);
		if (current.body === body && (current.subject ?? undefined) === (subject || undefined))
			throw new ValidationError({ body: { key: 'admin.templates.unchanged' } });
		const version = (all[0]?.version ?? 0) + 1;
		const row = insertAudited(db, actor, templateVersions, {
			values: {
				key: t.key,
				channel: t.channel,
				lang: t.lang,
				version,
				subject: subject || null,
				body,
				createdBy: actor.userId,
				createdAt: clock().now()
			},
			audit: {
				action: 'template.version',
				entity: 'template_version',
				before: { version: current.version, subject: current.subject ?? null, body: current.body },
				after: { key: t.key, channel: t.channel, lang: t.lang, version, subject, body }
			}
		});
		return { version, id: row.id };
	});
}
