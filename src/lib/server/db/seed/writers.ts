/** The seed's prepared statements: the three biggest tables buffered into multi-row INSERTs. */
import type { Database, Statement } from 'better-sqlite3';

export function makeWriters(sql: Database) {
	const prep = (q: string): Statement<unknown[]> => sql.prepare<unknown[]>(q);
	/**
	 * The three biggest tables take rows in multi-row INSERTs (64 rows a statement): fewer calls
	 * across the native boundary. `flush()` before every commit.
	 */
	const buffered = (table: string, columns: string[], rows = 64) => {
		const one = `(${columns.map(() => '?').join(',')})`;
		const single = prep(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${one}`);
		const multi = prep(
			`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(rows).fill(one).join(',')}`
		);
		let buf: unknown[] = [];
		let n = 0;
		return {
			run(...values: unknown[]) {
				for (const v of values) buf.push(v);
				if (++n === rows) {
					multi.run(...buf);
					buf = [];
					n = 0;
				}
			},
			flush() {
				const w = columns.length;
				for (let i = 0; i < n; i++) single.run(...buf.slice(i * w, (i + 1) * w));
				buf = [];
				n = 0;
			}
		};
	};
	const big = {
		stage: buffered('claim_stage_events', [
			'claim_id',
			'stage',
			'entered_at',
			'left_at',
			'outcome'
		]),
		ledger: buffered('ledger_entries', [
			'claim_id',
			'component',
			'kind',
			'amount_minor',
			'effective_date',
			'payment_id',
			'memo',
			'created_at'
		]),
		contact: buffered('contact_events', [
			'id',
			'claim_id',
			'debtor_id',
			'channel',
			'stage',
			'direction',
			'outcome',
			'template',
			'recording_ref',
			'operator_id',
			'occurred_at'
		])
	};
	const engine = {
		claim: buffered('claim_engine', [
			'claim_id',
			'version_id',
			'cycle',
			'stage_entered_on',
			'evaluated_on',
			'assigned_at'
		]),
		action: buffered('planned_actions', [
			'key',
			'claim_id',
			'version_id',
			'kind',
			'stage',
			'step',
			'due_date',
			'channels_json',
			'template',
			'why_json',
			'state',
			'created_at',
			'done_at'
		]),
		hold: prep(
			'INSERT INTO holds (claim_id, kind, start_date, end_date, effect_json, created_at) VALUES (?,?,?,?,?,?)'
		),
		handover: prep(
			'INSERT INTO legal_handovers (claim_id, creditor_id, state, queued_at, handed_over_at) VALUES (?,?,?,?,?)'
		)
	};
	const flush = () => {
		big.stage.flush();
		big.ledger.flush();
		big.contact.flush();
		engine.claim.flush();
		engine.action.flush();
	};
	const st = {
		debtor: prep(
			`INSERT INTO debtors (id, kind, name, birth_date, tax_number, postal_code, city, address, email, phone, language, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`
		),
		pref: prep(
			`INSERT INTO contact_preferences (debtor_id, preferred_channel, preferred_from, preferred_to, opt_out_sms, opt_out_email, opt_out_call, opt_out_letter, opt_out_visit, language, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)`
		),
		claim: prep(
			`INSERT INTO claims (id, creditor_id, portfolio_id, debtor_id, reference, description, currency, placed_date, due_date, stage, stage_changed_at, status, placed_minor, balance_minor, collected_minor, plan_offered_at, paid_at, closed_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`
		),
		payment: prep(
			`INSERT INTO payments (id, claim_id, debtor_id, plan_id, amount_minor, currency, purpose, gateway, status, provider_ref, receipt_number, created_at, completed_at, plan_applied_minor) VALUES (?,?,?,?,?,?,?,?,'succeeded',?,?,?,?,?)`
		),
		plan: prep(
			`INSERT INTO plans (id, claim_id, debtor_id, status, frequency, down_payment_minor, installment_count, first_due_date, total_minor, currency, rules_json, auto_approved, decided_by, decided_at, decision_reason, created_at, ended_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`
		),
		installment: prep(
			'INSERT INTO installments (plan_id, seq, due_date, amount_minor, paid_minor, status, paid_at, paid_on_time) VALUES (?,?,?,?,?,?,?,?)'
		),
		// the demo debtors' SMS and e-mails as messages too, so their claim pages list what was sent
		message: prep(
			`INSERT INTO messages (debtor_id, claim_id, channel, template_key, language, source, dedupe_key, subject, status, scheduled_at, sent_at, settled_at, created_at, updated_at) VALUES (?,?,?,?,'hu','engine',?,?,?,?,?,?,?,?)`
		),
		promise: prep(
			'INSERT INTO promises (claim_id, debtor_id, promised_date, amount_minor, status, created_at, resolved_at) VALUES (?,?,?,?,?,?,?)'
		),
		dispute: prep(
			`INSERT INTO disputes (claim_id, debtor_id, reason, details, status, answer_due_date, answer, answered_by, answered_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)`
		),
		cert: prep('INSERT INTO settlement_certificates (claim_id, number, issued_at) VALUES (?,?,?)'),
		link: prep(
			'INSERT INTO access_links (debtor_id, token_hash, question, expires_at, created_at) VALUES (?,?,?,?,?)'
		)
	};

	return { big, engine, flush, st };
}

export type Writers = ReturnType<typeof makeWriters>;
