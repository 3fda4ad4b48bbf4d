/**
 * Contact preferences (C8): preferred channel and time, opt-out per channel (takes effect at once:
 * the engine reads this row), preferred language.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import type { DB } from '../db/client';
import { contactPreferences, debtors } from '../db/schema';
import { clock } from '../clock';
import { audit } from './audit';
import { ValidationError } from './errors';
import { writeTx } from './tx';
import { assertLinkSession } from './actor';
import { overlapsWindow } from '$lib/domain/contact-rules';
import { defaultContactLimits } from '$lib/domain/stages';

export const PREF_CHANNELS = ['sms', 'email', 'letter', 'call'] as const;
export const OPT_OUT_CHANNELS = ['sms', 'email', 'call', 'letter', 'visit'] as const;

export interface Preferences {
	preferredChannel: (typeof PREF_CHANNELS)[number] | null;
	preferredFrom: string | null;
	preferredTo: string | null;
	optOut: Record<(typeof OPT_OUT_CHANNELS)[number], boolean>;
	language: 'hu' | 'en';
}

/** The debtor's saved preferences row, if the debtor ever saved any (no row: no opt-outs). */
export function preferencesRow(db: DB, debtorId: number) {
	return db
		.select()
		.from(contactPreferences)
		.where(eq(contactPreferences.debtorId, debtorId))
		.get();
}

/** `fallbackLang`: the language shown when the debtor never saved preferences (the page's language). */
export function getPreferences(db: DB, actor: Actor, fallbackLang?: 'hu' | 'en'): Preferences {
	assertLinkSession(actor);
	const debtorId = actor.debtorId;
	const row = preferencesRow(db, debtorId);
	const lang =
		fallbackLang ??
		db.select({ l: debtors.language }).from(debtors).where(eq(debtors.id, debtorId)).get()?.l ??
		'hu';
	if (!row)
		return {
			preferredChannel: null,
			preferredFrom: null,
			preferredTo: null,
			optOut: { sms: false, email: false, call: false, letter: false, visit: false },
			language: lang
		};
	const pc = PREF_CHANNELS.find((c) => c === row.preferredChannel) ?? null;
	return {
		preferredChannel: pc,
		preferredFrom: row.preferredFrom,
		preferredTo: row.preferredTo,
		optOut: {
			sms: row.optOutSms,
			email: row.optOutEmail,
			call: row.optOutCall,
			letter: row.optOutLetter,
			visit: row.optOutVisit
		},
		language: row.language
	};
}

/** "7:00" or "07:00" as "07:00"; undefined when it is not a time of day. */
function hhmm(v: string): string | undefined {
	const m = /^(\d{1,2}):([0-5]\d)$/.exec(v);
	return m && Number(m[1]) < 24 ? `${m[1].padStart(2, '0')}:${m[2]}` : undefined;
}

export interface PreferencesInput {
	preferredChannel: string;
	preferredFrom: string;
	preferredTo: string;
	optOut: string[];
	language: string;
}

export function savePreferences(db: DB, actor: Actor, input: PreferencesInput): Preferences {
	assertLinkSession(actor);
	const debtorId = actor.debtorId;
	const errors: ConstructorParameters<typeof ValidationError>[0] = {};
	const channel =
		input.preferredChannel === '' ? null : PREF_CHANNELS.find((c) => c === input.preferredChannel);
	if (channel === undefined) errors.preferredChannel = { key: 'form.invalid' };
	// a time is kept as HH:MM (so that times compare as text); "7:00" is read as "07:00"
	const fromText = input.preferredFrom.trim();
	const toText = input.preferredTo.trim();
	const from = fromText ? (hhmm(fromText) ?? fromText) : null;
	const to = toText ? (hhmm(toText) ?? toText) : null;
	if (from && !hhmm(from)) errors.preferredFrom = { key: 'portal.prefs.error.time' };
	if (to && !hhmm(to)) errors.preferredTo = { key: 'portal.prefs.error.time' };
	if (from && to && hhmm(from) && hhmm(to) && from >= to)
		errors.preferredTo = { key: 'portal.prefs.error.order' };
	// C1: a time we may never contact in is refused, not saved as a promise we could not keep
	else if (
		from &&
		to &&
		hhmm(from) &&
		hhmm(to) &&
		!overlapsWindow(from, to, defaultContactLimits())
	)
		errors.preferredFrom = { key: 'portal.prefs.error.outsideWindow' };
	if ((from && !to) || (!from && to))
		errors[from ? 'preferredTo' : 'preferredFrom'] = { key: 'portal.prefs.error.both' };
	// a preferred channel the same form turns off would be a promise we could not keep
	// an unknown channel is refused, not read as "none": the saved opt-outs stay as they are
	if (input.optOut.some((c) => !OPT_OUT_CHANNELS.some((k) => k === c)))
		errors.optOut = { key: 'form.invalid' };
	if (channel && input.optOut.includes(channel))
		errors.preferredChannel = { key: 'portal.prefs.error.preferredBlocked' };
	const language: 'hu' | 'en' | null =
		input.language === 'en' ? 'en' : input.language === 'hu' ? 'hu' : null;
	if (!language) errors.language = { key: 'form.invalid' };
	if (Object.keys(errors).length) throw new ValidationError(errors);
	const out = new Set(input.optOut);
	return writeTx(db, () => {
		const before = getPreferences(db, actor);
		const values = {
			preferredChannel: channel ?? null,
			preferredFrom: from,
			preferredTo: to,
			optOutSms: out.has('sms'),
			optOutEmail: out.has('email'),
			optOutCall: out.has('call'),
			optOutLetter: out.has('letter'),
			optOutVisit: out.has('visit'),
			language: language!,
			updatedAt: clock().now()
		};
		db.insert(contactPreferences)
			.values({ debtorId, ...values })
			.onConflictDoUpdate({ target: contactPreferences.debtorId, set: values })
			.run();
		db.update(debtors).set({ language: language! }).where(eq(debtors.id, debtorId)).run();
		const after = getPreferences(db, actor);
		audit(db, actor, {
			action: 'preferences.save',
			entity: 'debtor',
			entityId: debtorId,
			before,
			after
		});
		return after;
	});
}
