/**
 * Creditor installment rules: reading the rules in force for a claim (portfolio override, else
 * the creditor's row, else the defaults) and editing them. Creditor users edit only their own
 * creditor's rules; admins any creditor's. Every save is audited with before/after and bumps the
 * version. Plans keep a copy of the rules they were agreed under, so a save never alters them.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import {
	defaultRules,
	parseRules,
	REFERENCE_HUF_PER_EUR,
	rulesFor,
	validateRules,
	type CreditorRules
} from '$lib/domain/rules';
import type { DB } from '../db/client';
import { perConnection } from '../db/per-connection';
import { creditors, installmentRules } from '../db/schema';
import { clock } from '../clock';
import { audit } from './audit';
import { ValidationError } from './errors';
import { writeTx } from './tx';
import {
	editorIdOf,
	inScope,
	resolveScope,
	scopePickers,
	type CreditorScope
} from './creditor-scope';

export interface EffectiveRules {
	rules: CreditorRules;
	/** where they come from */
	source: 'portfolio' | 'creditor' | 'default';
	version: number;
}

/**
 * The rules in force for a creditor and portfolio, as one SQL expression over two column
 * expressions: the portfolio's override, else the creditor-wide row (portfolio_id NULL). Two
 * point lookups on the scope's unique index, no sort. One definition, used by `effectiveRules`
 * and inside the claim page's single statement.
 */
export function rulesInForceSql(
	creditor: string,
	portfolio: string,
	column = 'rules_json'
): string {
	return `coalesce((SELECT ${column} FROM installment_rules WHERE creditor_id = ${creditor} AND portfolio_id = ${portfolio}),
	                 (SELECT ${column} FROM installment_rules WHERE creditor_id = ${creditor} AND portfolio_id IS NULL))`;
}

const effectiveStmt = perConnection((c) =>
	c.prepare(`SELECT id, rules_json AS rulesJson, portfolio_id AS portfolioId, version FROM installment_rules
			 WHERE id = ${rulesInForceSql('@creditorId', '@portfolioId', 'id')}`)
);

/**
 * Forints a euro for applying a creditor's forint amounts to euro claims: RENDEZ_EUR_HUF_RATE
 * (the rate the C14 lump sum uses too), else a reference 400 (README: configuration).
 */
export function hufPerEur(): number {
	// read once: the README says to restart after setting it, and claim pages ask on every request
	if (rate === undefined) {
		const m = /^\d{1,6}(\.\d{1,2})?$/.exec(process.env.RENDEZ_EUR_HUF_RATE?.trim() ?? '');
		const v = m ? Number(m[0]) : 0;
		rate = v > 0 ? v : REFERENCE_HUF_PER_EUR;
	}
	return rate;
}
let rate: number | undefined;

/** The rules in force for a claim, its amounts in the claim's own currency (domain/rules.ts rulesFor). */
export function claimRules(
	db: DB,
	claim: { creditorId: number; portfolioId: number | null; currency: string }
): CreditorRules {
	return rulesFor(
		effectiveRules(db, claim.creditorId, claim.portfolioId).rules,
		claim.currency,
		hufPerEur()
	);
}

/**
 * The rules in force for a creditor (and portfolio): the portfolio's override, else the
 * creditor's row, else the defaults. No actor: callers have scoped the claim already.
 */
export function effectiveRules(
	db: DB,
	creditorId: number,
	portfolioId: number | null
): EffectiveRules {
	const row = effectiveStmt(db).get({ creditorId, portfolioId }) as
		{ rulesJson: string; portfolioId: number | null; version: number } | undefined;
	if (!row) return { rules: defaultRules(), source: 'default', version: 0 };
	return {
		rules: parseRules(row.rulesJson),
		source: row.portfolioId == null ? 'creditor' : 'portfolio',
		version: row.version
	};
}

export type RulesScope = CreditorScope;

/** What the rules editor shows: the rules for the scope (inherited when the portfolio has none), plus the pickers. */
export function rulesForEditing(db: DB, actor: Actor, scope: RulesScope) {
	const { creditorId, portfolioId } = resolveScope(db, actor, scope);
	const eff = effectiveRules(db, creditorId, portfolioId);
	const creditor = db
		.select({ id: creditors.id, name: creditors.name })
		.from(creditors)
		.where(eq(creditors.id, creditorId))
		.get()!;
	return {
		creditor,
		portfolioId,
		rules: eff.rules,
		source: eff.source,
		version: eff.version,
		/** a portfolio scope showing the creditor's (or default) rules: saving creates the override */
		inherited: portfolioId != null && eff.source !== 'portfolio',
		...scopePickers(db, actor, creditorId)
	};
}

/** Saves the rules for a scope after validation; audited with before and after. Returns the new version. */
export function saveRules(
	db: DB,
	actor: Actor,
	input: RulesScope & { rules: CreditorRules }
): { version: number } {
	const errors = validateRules(input.rules);
	if (Object.keys(errors).length > 0) throw new ValidationError(errors);
	return writeTx(db, () => {
		const { creditorId, portfolioId } = resolveScope(db, actor, input);
		const now = clock().now();
		const existing = db
			.select()
			.from(installmentRules)
			.where(inScope(installmentRules, creditorId, portfolioId))
			.get();
		const userId = editorIdOf(actor);
		const json = JSON.stringify(input.rules);
		let id: number;
		let version: number;
		if (existing) {
			version = existing.version + 1;
			id = existing.id;
			db.update(installmentRules)
				.set({ rulesJson: json, version, updatedAt: now, updatedBy: userId })
				.where(eq(installmentRules.id, existing.id))
				.run();
		} else {
			version = 1;
			id = db
				.insert(installmentRules)
				.values({
					creditorId,
					portfolioId,
					rulesJson: json,
					version,
					updatedAt: now,
					updatedBy: userId
				})
				.returning({ id: installmentRules.id })
				.get().id;
		}
		audit(db, actor, {
			action: 'rules.save',
			entity: 'installment_rules',
			entityId: id,
			before: existing
				? { version: existing.version, rules: JSON.parse(existing.rulesJson) }
				: null,
			after: { creditorId, portfolioId, version, rules: input.rules }
		});
		return { version };
	});
}
