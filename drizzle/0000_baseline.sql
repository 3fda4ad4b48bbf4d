-- Rendez's schema as migrations 0000_init … 0037_card_disputes left it, squashed into one file (their
-- history is in git). It carries 0037_card_disputes's timestamp, so a database already migrated that far
-- skips it; an older one is refused by migrateDatabase.
CREATE TABLE `access_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`debtor_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`question` text NOT NULL,
	`expires_at` integer NOT NULL,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`last_used_at` integer,
	`revoked_at` integer,
	`created_at` integer NOT NULL, `lock_count` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mime` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`content` blob NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`before_json` text,
	`after_json` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `claim_stage_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`stage` text NOT NULL,
	`entered_at` integer NOT NULL,
	`left_at` integer,
	`outcome` text,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`creditor_id` integer NOT NULL,
	`portfolio_id` integer NOT NULL,
	`debtor_id` integer NOT NULL,
	`reference` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`currency` text NOT NULL,
	`placed_date` text NOT NULL,
	`due_date` text NOT NULL,
	`stage` text DEFAULT 'new' NOT NULL,
	`stage_changed_at` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`placed_minor` integer NOT NULL,
	`balance_minor` integer NOT NULL,
	`collected_minor` integer DEFAULT 0 NOT NULL,
	`plan_offered_at` integer,
	`paid_at` integer,
	`closed_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`creditor_id`) REFERENCES `creditors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`portfolio_id`) REFERENCES `portfolios`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `contact_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`debtor_id` integer NOT NULL,
	`channel` text NOT NULL,
	`stage` text NOT NULL,
	`direction` text DEFAULT 'outbound' NOT NULL,
	`outcome` text NOT NULL,
	`blocked_reason` text,
	`template` text,
	`recording_ref` text,
	`operator_id` integer,
	`occurred_at` integer NOT NULL, `duration_seconds` integer, `verified_at` integer, `note` text, `attachment_id` integer REFERENCES attachments(id),
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`operator_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `contact_preferences` (
	`debtor_id` integer PRIMARY KEY NOT NULL,
	`preferred_channel` text,
	`preferred_from` text,
	`preferred_to` text,
	`opt_out_sms` integer DEFAULT false NOT NULL,
	`opt_out_email` integer DEFAULT false NOT NULL,
	`opt_out_call` integer DEFAULT false NOT NULL,
	`opt_out_letter` integer DEFAULT false NOT NULL,
	`opt_out_visit` integer DEFAULT false NOT NULL,
	`language` text DEFAULT 'hu' NOT NULL,
	`updated_at` integer NOT NULL, `email_invalid` integer DEFAULT false NOT NULL, `phone_invalid` integer DEFAULT false NOT NULL, `postal_invalid` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `creditors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`short_name` text NOT NULL,
	`sector` text NOT NULL,
	`tax_number` text NOT NULL,
	`identity_check` text DEFAULT 'birth_date' NOT NULL,
	`allocation_order` text DEFAULT 'cost,fee,interest,principal' NOT NULL,
	`retention_months` integer DEFAULT 60 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL
, `fees_allowed` integer DEFAULT false NOT NULL, `require_totp` integer DEFAULT false NOT NULL);
--> statement-breakpoint
CREATE TABLE `debtors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`birth_date` text,
	`tax_number` text,
	`postal_code` text NOT NULL,
	`city` text NOT NULL,
	`address` text NOT NULL,
	`email` text,
	`phone` text,
	`language` text DEFAULT 'hu' NOT NULL,
	`created_at` integer NOT NULL,
	`anonymized_at` integer
);
--> statement-breakpoint
CREATE TABLE `disputes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`debtor_id` integer NOT NULL,
	`reason` text NOT NULL,
	`details` text DEFAULT '' NOT NULL,
	`attachment_id` integer,
	`status` text DEFAULT 'open' NOT NULL,
	`answer_due_date` text NOT NULL,
	`answer` text,
	`answered_by` integer,
	`answered_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attachment_id`) REFERENCES `attachments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `installment_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`creditor_id` integer NOT NULL,
	`portfolio_id` integer,
	`rules_json` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`creditor_id`) REFERENCES `creditors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`portfolio_id`) REFERENCES `portfolios`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `installments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`due_date` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`paid_minor` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'due' NOT NULL,
	`paid_at` integer,
	`paid_on_time` integer,
	`reminder_queued_at` integer,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `job_runs` (
	`job` text NOT NULL,
	`day` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer, `step` text,
	PRIMARY KEY(`job`, `day`)
);
--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`component` text NOT NULL,
	`kind` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`effective_date` text NOT NULL,
	`payment_id` integer,
	`refund_id` integer,
	`reverses_id` integer,
	`memo` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`refund_id`) REFERENCES `refunds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reverses_id`) REFERENCES `ledger_entries`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`debtor_id` integer NOT NULL,
	`claim_id` integer,
	`channel` text NOT NULL,
	`template` text NOT NULL,
	`params_json` text DEFAULT '{}' NOT NULL,
	`dedupe_key` text,
	`scheduled_at` integer NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`debtor_id` integer NOT NULL,
	`plan_id` integer,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`purpose` text NOT NULL,
	`gateway` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`provider_ref` text,
	`provider_payment_ref` text,
	`refunded_minor` integer DEFAULT 0 NOT NULL,
	`flag_reason` text,
	`receipt_number` text,
	`created_at` integer NOT NULL,
	`completed_at` integer, `plan_applied_minor` integer DEFAULT 0 NOT NULL, `arrived_on` text,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`debtor_id` integer NOT NULL,
	`status` text NOT NULL,
	`frequency` text NOT NULL,
	`down_payment_minor` integer DEFAULT 0 NOT NULL,
	`installment_count` integer NOT NULL,
	`first_due_date` text NOT NULL,
	`total_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`rules_json` text NOT NULL,
	`auto_approved` integer DEFAULT false NOT NULL,
	`budget_income_minor` integer,
	`budget_costs_minor` integer,
	`counter_of_id` integer,
	`decided_by` integer,
	`decided_at` integer,
	`decision_reason` text,
	`created_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counter_of_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `portfolios` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`creditor_id` integer NOT NULL,
	`name` text NOT NULL,
	`placed_date` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`creditor_id`) REFERENCES `creditors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `promises` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`debtor_id` integer NOT NULL,
	`promised_date` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `refund_tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`payment_id` integer NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`due_date` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`refund_id` integer,
	`created_at` integer NOT NULL,
	`done_at` integer,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`refund_id`) REFERENCES `refunds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `refunds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`payment_id` integer NOT NULL,
	`amount_minor` integer NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`provider_ref` text,
	`created_by` integer,
	`created_at` integer NOT NULL, `plan_unapplied_minor` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` blob NOT NULL,
	`kind` text NOT NULL,
	`user_id` integer,
	`debtor_id` integer,
	`two_factor_verified` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL, `only_creditor_id` integer REFERENCES creditors(id),
	FOREIGN KEY (`user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `settlement_certificates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`number` text NOT NULL,
	`issued_at` integer NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `staff_users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`creditor_id` integer,
	`password_hash` text NOT NULL,
	`totp_key` blob,
	`disabled_at` integer,
	`password_changed_at` integer,
	`created_at` integer NOT NULL, `creditor_admin` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`creditor_id`) REFERENCES `creditors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `strategies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`creditor_id` integer NOT NULL,
	`stages_json` text NOT NULL,
	`contact_limits_json` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`creditor_id`) REFERENCES `creditors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `throttles` (
	`key` text PRIMARY KEY NOT NULL,
	`count` integer NOT NULL,
	`window_start` integer NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`provider` text NOT NULL,
	`event_id` text NOT NULL,
	`type` text NOT NULL,
	`payment_id` integer,
	`outcome` text NOT NULL,
	`received_at` integer NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `placement_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`creditor_id` integer NOT NULL,
	`user_id` integer,
	`file_name` text NOT NULL,
	`portfolio_name` text NOT NULL,
	`status` text NOT NULL,
	`total_rows` integer DEFAULT 0 NOT NULL,
	`processed_rows` integer DEFAULT 0 NOT NULL,
	`good_rows` integer DEFAULT 0 NOT NULL,
	`bad_rows` integer DEFAULT 0 NOT NULL,
	`errors_json` text DEFAULT '[]' NOT NULL,
	`file_error_key` text,
	`file_error_params` text,
	`portfolio_id` integer,
	`created_at` integer NOT NULL,
	`finished_at` integer, `placed_line` integer DEFAULT 0 NOT NULL, `placed_rows` integer DEFAULT 0 NOT NULL, `existing_rows` integer DEFAULT 0 NOT NULL, `debtors_created` integer DEFAULT 0 NOT NULL, `debtors_matched` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`creditor_id`) REFERENCES `creditors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`portfolio_id`) REFERENCES `portfolios`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `report_aging` (
	`creditor_id` integer NOT NULL,
	`portfolio_id` integer NOT NULL,
	`placed_month` text NOT NULL,
	`currency` text NOT NULL,
	`due_date` text NOT NULL,
	`claims` integer DEFAULT 0 NOT NULL,
	`open_minor` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`creditor_id`, `portfolio_id`, `placed_month`, `currency`, `due_date`)
);
--> statement-breakpoint
CREATE TABLE `report_claims` (
	`creditor_id` integer NOT NULL,
	`portfolio_id` integer NOT NULL,
	`placed_month` text NOT NULL,
	`currency` text NOT NULL,
	`status` text NOT NULL,
	`claims` integer DEFAULT 0 NOT NULL,
	`placed_minor` integer DEFAULT 0 NOT NULL,
	`collected_minor` integer DEFAULT 0 NOT NULL,
	`balance_minor` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`creditor_id`, `portfolio_id`, `placed_month`, `currency`, `status`)
);
--> statement-breakpoint
CREATE TABLE `report_collected` (
	`creditor_id` integer NOT NULL,
	`portfolio_id` integer NOT NULL,
	`placed_month` text NOT NULL,
	`currency` text NOT NULL,
	`month` text NOT NULL,
	`collected_minor` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`creditor_id`, `portfolio_id`, `placed_month`, `currency`, `month`)
);
--> statement-breakpoint
CREATE TABLE `report_contact_followed` (
	`contact_id` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE `report_contacts` (
	`creditor_id` integer NOT NULL,
	`portfolio_id` integer NOT NULL,
	`placed_month` text NOT NULL,
	`channel` text NOT NULL,
	`contacts` integer DEFAULT 0 NOT NULL,
	`followed` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`creditor_id`, `portfolio_id`, `placed_month`, `channel`)
);
--> statement-breakpoint
CREATE TABLE `report_installments` (
	`creditor_id` integer NOT NULL,
	`portfolio_id` integer NOT NULL,
	`placed_month` text NOT NULL,
	`status` text NOT NULL,
	`on_time` integer NOT NULL,
	`installments` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`creditor_id`, `portfolio_id`, `placed_month`, `status`, `on_time`)
);
--> statement-breakpoint
CREATE TABLE `report_plans` (
	`creditor_id` integer NOT NULL,
	`portfolio_id` integer NOT NULL,
	`placed_month` text NOT NULL,
	`status` text NOT NULL,
	`plans` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`creditor_id`, `portfolio_id`, `placed_month`, `status`)
);
--> statement-breakpoint
CREATE TABLE `report_stage_outcomes` (
	`creditor_id` integer NOT NULL,
	`portfolio_id` integer NOT NULL,
	`placed_month` text NOT NULL,
	`stage` text NOT NULL,
	`outcome` text NOT NULL,
	`events` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`creditor_id`, `portfolio_id`, `placed_month`, `stage`, `outcome`)
);
--> statement-breakpoint
CREATE TABLE `claim_debtors` (
	`claim_id` integer PRIMARY KEY NOT NULL,
	`creditor_id` integer NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`birth_date` text,
	`tax_number` text,
	`postal_code` text NOT NULL,
	`city` text NOT NULL,
	`address` text NOT NULL,
	`email` text,
	`phone` text,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`creditor_id`) REFERENCES `creditors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `placement_files` (
	`job_id` integer PRIMARY KEY NOT NULL,
	`content` blob NOT NULL,
	FOREIGN KEY (`job_id`) REFERENCES `placement_jobs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `claim_engine` (
	`claim_id` integer PRIMARY KEY NOT NULL,
	`version_id` integer NOT NULL,
	`experiment_id` integer,
	`arm` integer,
	`cycle` integer DEFAULT 0 NOT NULL,
	`stage_entered_on` text,
	`evaluated_on` text,
	`assigned_at` integer NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `strategy_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`experiment_id`) REFERENCES `strategy_experiments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `engine_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`day` text NOT NULL,
	`state` text DEFAULT 'running' NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`total` integer DEFAULT 0 NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`last_claim_id` integer DEFAULT 0 NOT NULL,
	`transitions` integer DEFAULT 0 NOT NULL,
	`actions_planned` integer DEFAULT 0 NOT NULL,
	`errors` integer DEFAULT 0 NOT NULL,
	`last_error` text
);
--> statement-breakpoint
CREATE TABLE `holds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`kind` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	`effect_json` text NOT NULL,
	`source_id` integer,
	`note` text DEFAULT '' NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`ended_at` integer,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `legal_handovers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`creditor_id` integer NOT NULL,
	`state` text DEFAULT 'queued' NOT NULL,
	`queued_at` integer NOT NULL,
	`checked_at` integer,
	`checked_by` integer,
	`handed_over_at` integer,
	`handed_over_by` integer,
	`withdrawn_at` integer,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`creditor_id`) REFERENCES `creditors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checked_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`handed_over_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `planned_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`claim_id` integer NOT NULL,
	`version_id` integer,
	`run_id` integer,
	`kind` text NOT NULL,
	`stage` text NOT NULL,
	`step` text NOT NULL,
	`occurrence` integer DEFAULT 0 NOT NULL,
	`due_date` text NOT NULL,
	`channels_json` text DEFAULT '[]' NOT NULL,
	`template` text,
	`amount_minor` integer,
	`why_json` text NOT NULL,
	`state` text DEFAULT 'planned' NOT NULL,
	`cancel_reason` text,
	`created_at` integer NOT NULL,
	`done_at` integer, `due_at` integer,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `strategy_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`run_id`) REFERENCES `engine_runs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `strategy_experiments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`creditor_id` integer NOT NULL,
	`portfolio_id` integer,
	`name` text NOT NULL,
	`arms_json` text NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`promoted_version_id` integer,
	`created_by` integer,
	FOREIGN KEY (`creditor_id`) REFERENCES `creditors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`portfolio_id`) REFERENCES `portfolios`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`promoted_version_id`) REFERENCES `strategy_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `strategy_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`creditor_id` integer NOT NULL,
	`portfolio_id` integer,
	`version` integer NOT NULL,
	`body_json` text NOT NULL,
	`label` text DEFAULT '' NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`creditor_id`) REFERENCES `creditors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`portfolio_id`) REFERENCES `portfolios`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE VIRTUAL TABLE search_debtors USING fts5(
	name, phone, email, tax, birth,
	content = '', contentless_delete = 1,
	tokenize = 'trigram remove_diacritics 1'
);
--> statement-breakpoint
CREATE VIRTUAL TABLE search_claims USING fts5(
	ref,
	content = '', contentless_delete = 1,
	tokenize = 'trigram remove_diacritics 1'
);
--> statement-breakpoint
CREATE TABLE `letter_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`day` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`letter_count` integer DEFAULT 0 NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`handed_over_by` integer,
	`handed_over_at` integer, `cancelled_count` integer DEFAULT 0 NOT NULL, `origin` text,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`handed_over_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`debtor_id` integer NOT NULL,
	`claim_id` integer,
	`channel` text NOT NULL,
	`template_key` text NOT NULL,
	`template_version_id` integer,
	`language` text DEFAULT 'hu' NOT NULL,
	`source` text NOT NULL,
	`source_id` integer,
	`dedupe_key` text NOT NULL,
	`to_address` text,
	`subject` text,
	`body` text,
	`body_hash` text,
	`provider_id` text,
	`status` text DEFAULT 'queued' NOT NULL,
	`status_reason` text,
	`scheduled_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`lease_until` integer,
	`letter_batch_id` integer,
	`sent_at` integer,
	`settled_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`template_version_id`) REFERENCES `template_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`letter_batch_id`) REFERENCES `letter_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `template_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`channel` text NOT NULL,
	`language` text DEFAULT 'hu' NOT NULL,
	`version` integer NOT NULL,
	`subject` text,
	`body` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `commission_terms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`creditor_id` integer NOT NULL,
	`portfolio_id` integer,
	`stage` text,
	`rate_bp` integer NOT NULL,
	`valid_from` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`creditor_id`) REFERENCES `creditors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`portfolio_id`) REFERENCES `portfolios`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `case_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`debtor_id` integer NOT NULL,
	`claim_id` integer,
	`body` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `bank_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`import_id` integer NOT NULL,
	`entry_ref` text NOT NULL,
	`direction` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`booking_date` text NOT NULL,
	`remittance` text DEFAULT '' NOT NULL,
	`debtor_name` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`claim_id` integer,
	`payment_id` integer,
	`matched_by` text,
	`note` text,
	`resolved_by` integer,
	`resolved_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`import_id`) REFERENCES `bank_imports`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `bank_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_name` text NOT NULL,
	`format` text NOT NULL,
	`content` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`error_key` text,
	`error_at` integer,
	`account` text DEFAULT '' NOT NULL,
	`total_entries` integer DEFAULT 0 NOT NULL,
	`processed` integer DEFAULT 0 NOT NULL,
	`posted` integer DEFAULT 0 NOT NULL,
	`unmatched` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`duplicates` integer DEFAULT 0 NOT NULL,
	`uploaded_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`uploaded_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `letter_contents` (
	`message_id` integer PRIMARY KEY NOT NULL,
	`letter_date` text NOT NULL,
	`portal_url` text NOT NULL,
	`currency` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`deadline` text NOT NULL,
	`account_name` text NOT NULL,
	`iban` text NOT NULL,
	`bic` text NOT NULL,
	`qr_payload` text NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `api_idempotency` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`creditor_id` integer NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`creditor_id`) REFERENCES `creditors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`creditor_id` integer NOT NULL,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`hash` text NOT NULL,
	`scope` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	`revoked_by` integer,
	FOREIGN KEY (`creditor_id`) REFERENCES `creditors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `claim_recalls` (
	`claim_id` integer PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`recalled_by` integer,
	`recalled_at` integer NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recalled_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `webhook_cursor` (
	`id` integer PRIMARY KEY NOT NULL,
	`last_audit_id` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`endpoint_id` integer NOT NULL,
	`audit_id` integer NOT NULL,
	`event_id` text NOT NULL,
	`event_type` text NOT NULL,
	`claim_id` integer NOT NULL,
	`payload` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_status` integer,
	`last_error` text,
	`replay_of` integer,
	`created_at` integer NOT NULL,
	`delivered_at` integer,
	FOREIGN KEY (`endpoint_id`) REFERENCES `webhook_endpoints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`audit_id`) REFERENCES `audit_log`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`creditor_id` integer NOT NULL,
	`url` text NOT NULL,
	`secret` text NOT NULL,
	`events_json` text NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`disabled_at` integer,
	FOREIGN KEY (`creditor_id`) REFERENCES `creditors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `dispute_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dispute_id` integer NOT NULL,
	`author` text NOT NULL,
	`staff_user_id` integer,
	`body` text DEFAULT '' NOT NULL,
	`attachment_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`dispute_id`) REFERENCES `disputes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attachment_id`) REFERENCES `attachments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `hardship_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`debtor_id` integer NOT NULL,
	`reason` text NOT NULL,
	`note` text,
	`pause_days` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`review_due_date` text NOT NULL,
	`pause_end_date` text,
	`decision_note` text,
	`decided_by` integer,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `contact_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`debtor_id` integer NOT NULL,
	`field` text NOT NULL,
	`new_value` text NOT NULL,
	`code_hash` text,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`expires_at` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` integer NOT NULL,
	`confirmed_at` integer,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `debtor_contact_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`debtor_id` integer NOT NULL,
	`field` text NOT NULL,
	`old_value` text,
	`new_value` text NOT NULL,
	`changed_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`changed_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `reference_guards` (
	`ref_key` text PRIMARY KEY NOT NULL,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`lock_count` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `field_regions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agent_id` integer NOT NULL,
	`postal_from` text NOT NULL,
	`postal_to` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`agent_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `card_disputes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`payment_id` integer NOT NULL,
	`provider_ref` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`reason` text,
	`evidence_due_by` integer,
	`refund_id` integer,
	`created_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`refund_id`) REFERENCES `refunds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `access_links_token_hash_unique` ON `access_links` (`token_hash`);
--> statement-breakpoint
CREATE INDEX `access_links_debtor_idx` ON `access_links` (`debtor_id`);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);
--> statement-breakpoint
CREATE INDEX `audit_actor_idx` ON `audit_log` (`actor_kind`,`actor_id`);
--> statement-breakpoint
CREATE INDEX `audit_action_idx` ON `audit_log` (`action`,`at`);
--> statement-breakpoint
CREATE INDEX `claim_stage_events_claim_idx` ON `claim_stage_events` (`claim_id`,`entered_at`);
--> statement-breakpoint
CREATE UNIQUE INDEX `claims_creditor_reference_uq` ON `claims` (`creditor_id`,`reference`);
--> statement-breakpoint
CREATE INDEX `claims_debtor_idx` ON `claims` (`debtor_id`);
--> statement-breakpoint
CREATE INDEX `claims_portfolio_idx` ON `claims` (`portfolio_id`);
--> statement-breakpoint
CREATE INDEX `claims_creditor_status_idx` ON `claims` (`creditor_id`,`status`,`due_date`);
--> statement-breakpoint
CREATE INDEX `claims_creditor_stage_idx` ON `claims` (`creditor_id`,`stage`);
--> statement-breakpoint
CREATE INDEX `claims_creditor_placed_idx` ON `claims` (`creditor_id`,`placed_date`);
--> statement-breakpoint
CREATE INDEX `contact_events_claim_idx` ON `contact_events` (`claim_id`,`occurred_at`);
--> statement-breakpoint
CREATE INDEX `contact_events_channel_idx` ON `contact_events` (`channel`,`occurred_at`);
--> statement-breakpoint
CREATE INDEX `debtors_name_idx` ON `debtors` (`name`);
--> statement-breakpoint
CREATE INDEX `disputes_claim_idx` ON `disputes` (`claim_id`);
--> statement-breakpoint
CREATE INDEX `disputes_status_idx` ON `disputes` (`status`,`answer_due_date`);
--> statement-breakpoint
CREATE UNIQUE INDEX `installment_rules_scope_uq` ON `installment_rules` (`creditor_id`,`portfolio_id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `installments_plan_seq_uq` ON `installments` (`plan_id`,`seq`);
--> statement-breakpoint
CREATE INDEX `installments_due_idx` ON `installments` (`status`,`due_date`);
--> statement-breakpoint
CREATE INDEX `ledger_payment_idx` ON `ledger_entries` (`payment_id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedupe_key_unique` ON `outbox` (`dedupe_key`);
--> statement-breakpoint
CREATE INDEX `outbox_status_idx` ON `outbox` (`status`,`scheduled_at`);
--> statement-breakpoint
CREATE INDEX `payments_claim_idx` ON `payments` (`claim_id`,`created_at`);
--> statement-breakpoint
CREATE INDEX `payments_status_idx` ON `payments` (`status`,`created_at`);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_provider_ref_uq` ON `payments` (`gateway`,`provider_ref`);
--> statement-breakpoint
CREATE INDEX `payments_completed_idx` ON `payments` (`completed_at`);
--> statement-breakpoint
CREATE INDEX `plans_claim_idx` ON `plans` (`claim_id`,`status`);
--> statement-breakpoint
CREATE INDEX `plans_status_idx` ON `plans` (`status`,`created_at`);
--> statement-breakpoint
CREATE INDEX `portfolios_creditor_idx` ON `portfolios` (`creditor_id`,`placed_date`);
--> statement-breakpoint
CREATE INDEX `promises_claim_idx` ON `promises` (`claim_id`);
--> statement-breakpoint
CREATE INDEX `promises_status_idx` ON `promises` (`status`,`promised_date`);
--> statement-breakpoint
CREATE INDEX `refund_tasks_status_idx` ON `refund_tasks` (`status`,`due_date`);
--> statement-breakpoint
CREATE INDEX `refunds_payment_idx` ON `refunds` (`payment_id`);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);
--> statement-breakpoint
CREATE INDEX `sessions_debtor_idx` ON `sessions` (`debtor_id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `settlement_certificates_claim_id_unique` ON `settlement_certificates` (`claim_id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `settlement_certificates_number_unique` ON `settlement_certificates` (`number`);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_users_email_unique` ON `staff_users` (`email`);
--> statement-breakpoint
CREATE INDEX `staff_users_creditor_idx` ON `staff_users` (`creditor_id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `strategies_creditor_id_unique` ON `strategies` (`creditor_id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_events_event_id_unique` ON `webhook_events` (`event_id`);
--> statement-breakpoint
CREATE INDEX `placement_jobs_creditor_idx` ON `placement_jobs` (`creditor_id`,`id`);
--> statement-breakpoint
CREATE INDEX `claims_creditor_balance_idx` ON `claims` (`creditor_id`,`balance_minor`);
--> statement-breakpoint
CREATE INDEX `claims_creditor_due_idx` ON `claims` (`creditor_id`,`due_date`);
--> statement-breakpoint
CREATE INDEX `debtors_tax_number_idx` ON `debtors` (`tax_number`);
--> statement-breakpoint
CREATE INDEX `contact_events_last_reminder_idx` ON `contact_events` (`claim_id`,`occurred_at`,`channel`,`direction`,`outcome`) WHERE direction = 'outbound' AND outcome IN ('sent', 'delivered', 'conversation');
--> statement-breakpoint
CREATE INDEX `ledger_claim_idx` ON `ledger_entries` (`claim_id`,`id`,`component`,`kind`,`amount_minor`);
--> statement-breakpoint
CREATE UNIQUE INDEX `claim_stage_events_claim_stage_uq` ON `claim_stage_events` (`claim_id`,`stage`);
--> statement-breakpoint
CREATE INDEX `claim_debtors_creditor_name_idx` ON `claim_debtors` (`creditor_id`,`name`);
--> statement-breakpoint
CREATE INDEX `webhook_events_payment_idx` ON `webhook_events` (`payment_id`);
--> statement-breakpoint
CREATE INDEX `claim_engine_version_idx` ON `claim_engine` (`version_id`);
--> statement-breakpoint
CREATE INDEX `claim_engine_experiment_idx` ON `claim_engine` (`experiment_id`,`arm`);
--> statement-breakpoint
CREATE UNIQUE INDEX `engine_runs_day_unique` ON `engine_runs` (`day`);
--> statement-breakpoint
CREATE INDEX `holds_claim_idx` ON `holds` (`claim_id`,`start_date`);
--> statement-breakpoint
CREATE INDEX `holds_source_idx` ON `holds` (`kind`,`source_id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `legal_handovers_claim_id_unique` ON `legal_handovers` (`claim_id`);
--> statement-breakpoint
CREATE INDEX `legal_handovers_state_idx` ON `legal_handovers` (`state`,`queued_at`);
--> statement-breakpoint
CREATE UNIQUE INDEX `planned_actions_key_unique` ON `planned_actions` (`key`);
--> statement-breakpoint
CREATE INDEX `planned_actions_claim_idx` ON `planned_actions` (`claim_id`,`state`);
--> statement-breakpoint
CREATE INDEX `planned_actions_queue_idx` ON `planned_actions` (`state`,`kind`,`due_date`);
--> statement-breakpoint
CREATE INDEX `strategy_experiments_creditor_idx` ON `strategy_experiments` (`creditor_id`,`ended_at`);
--> statement-breakpoint
CREATE UNIQUE INDEX `strategy_versions_creditor_uq` ON `strategy_versions` (`creditor_id`,`version`) WHERE portfolio_id IS NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX `strategy_versions_portfolio_uq` ON `strategy_versions` (`creditor_id`,`portfolio_id`,`version`) WHERE portfolio_id IS NOT NULL;
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_dedupe_key_unique` ON `messages` (`dedupe_key`);
--> statement-breakpoint
CREATE INDEX `messages_due_idx` ON `messages` (`status`,`scheduled_at`);
--> statement-breakpoint
CREATE INDEX `messages_claim_idx` ON `messages` (`claim_id`,`created_at`);
--> statement-breakpoint
CREATE INDEX `messages_debtor_idx` ON `messages` (`debtor_id`,`created_at`);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_provider_idx` ON `messages` (`channel`,`provider_id`) WHERE provider_id IS NOT NULL;
--> statement-breakpoint
CREATE INDEX `messages_batch_idx` ON `messages` (`letter_batch_id`);
--> statement-breakpoint
CREATE INDEX `messages_to_idx` ON `messages` (`channel`,`to_address`);
--> statement-breakpoint
CREATE UNIQUE INDEX `template_versions_key_idx` ON `template_versions` (`key`,`channel`,`language`,`version`);
--> statement-breakpoint
CREATE INDEX `commission_terms_creditor_idx` ON `commission_terms` (`creditor_id`,`valid_from`);
--> statement-breakpoint
CREATE INDEX `case_notes_debtor_idx` ON `case_notes` (`debtor_id`,`created_at`);
--> statement-breakpoint
CREATE UNIQUE INDEX `bank_entries_entry_ref_unique` ON `bank_entries` (`entry_ref`);
--> statement-breakpoint
CREATE INDEX `bank_entries_status_idx` ON `bank_entries` (`status`,`id`);
--> statement-breakpoint
CREATE INDEX `bank_entries_import_idx` ON `bank_entries` (`import_id`,`id`);
--> statement-breakpoint
CREATE INDEX `bank_imports_status_idx` ON `bank_imports` (`status`,`id`);
--> statement-breakpoint
CREATE INDEX `ledger_settlement_idx` ON `ledger_entries` (`claim_id`) WHERE kind = 'settlement_discount';
--> statement-breakpoint
CREATE INDEX `claims_reference_key_idx` ON `claims` (upper(replace(replace(replace(replace(replace(`reference`, ' ', ''), '-', ''), '.', ''), '/', ''), '_', '')));
--> statement-breakpoint
CREATE UNIQUE INDEX `api_idempotency_key_uq` ON `api_idempotency` (`creditor_id`,`key`);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_prefix_unique` ON `api_keys` (`prefix`);
--> statement-breakpoint
CREATE INDEX `api_keys_creditor_idx` ON `api_keys` (`creditor_id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_deliveries_once_uq` ON `webhook_deliveries` (`endpoint_id`,`audit_id`) WHERE replay_of IS NULL;
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due_idx` ON `webhook_deliveries` (`state`,`next_attempt_at`);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_endpoint_idx` ON `webhook_deliveries` (`endpoint_id`,`id`);
--> statement-breakpoint
CREATE INDEX `webhook_endpoints_creditor_idx` ON `webhook_endpoints` (`creditor_id`);
--> statement-breakpoint
CREATE INDEX `dispute_messages_dispute_idx` ON `dispute_messages` (`dispute_id`,`id`);
--> statement-breakpoint
CREATE INDEX `hardship_claim_idx` ON `hardship_requests` (`claim_id`);
--> statement-breakpoint
CREATE INDEX `hardship_status_idx` ON `hardship_requests` (`status`,`review_due_date`);
--> statement-breakpoint
CREATE INDEX `contact_changes_debtor_idx` ON `contact_changes` (`debtor_id`,`status`);
--> statement-breakpoint
CREATE INDEX `debtor_contact_history_debtor_idx` ON `debtor_contact_history` (`debtor_id`,`id`);
--> statement-breakpoint
CREATE INDEX `debtor_contact_history_created_idx` ON `debtor_contact_history` (`created_at`);
--> statement-breakpoint
CREATE INDEX `payments_direct_idx` ON `payments` (`claim_id`) WHERE gateway = 'direct';
--> statement-breakpoint
CREATE INDEX `field_regions_agent_idx` ON `field_regions` (`agent_id`);
--> statement-breakpoint
CREATE INDEX `ledger_money_date_idx` ON `ledger_entries` (`effective_date`,`claim_id`) WHERE payment_id IS NOT NULL;
--> statement-breakpoint
CREATE INDEX `messages_source_idx` ON `messages` (`source`,`source_id`);
--> statement-breakpoint
CREATE INDEX `messages_report_idx` ON `messages` (`status`,`channel`,`sent_at`);
--> statement-breakpoint
CREATE INDEX `debtors_email_key_idx` ON `debtors` (lower(email));
--> statement-breakpoint
CREATE INDEX `debtors_phone_key_idx` ON `debtors` (substr(replace(replace(replace(replace(replace(replace(replace(phone, ' ', ''), '-', ''), '.', ''), '/', ''), '(', ''), ')', ''), '+', ''), -9));
--> statement-breakpoint
CREATE UNIQUE INDEX `card_disputes_provider_ref_unique` ON `card_disputes` (`provider_ref`);
--> statement-breakpoint
CREATE INDEX `card_disputes_status_idx` ON `card_disputes` (`status`,`evidence_due_by`);
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger_entries are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger_entries are append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER report_claims_ai AFTER INSERT ON claims BEGIN
	INSERT INTO report_claims (creditor_id, portfolio_id, placed_month, currency, status, claims, placed_minor, collected_minor, balance_minor)
	VALUES (NEW.creditor_id, NEW.portfolio_id, substr(NEW.placed_date, 1, 7), NEW.currency, NEW.status, 1, NEW.placed_minor, NEW.collected_minor, NEW.balance_minor)
	ON CONFLICT (creditor_id, portfolio_id, placed_month, currency, status) DO UPDATE SET
		claims = claims + 1, placed_minor = placed_minor + excluded.placed_minor,
		collected_minor = collected_minor + excluded.collected_minor, balance_minor = balance_minor + excluded.balance_minor;
	INSERT INTO report_aging (creditor_id, portfolio_id, placed_month, currency, due_date, claims, open_minor)
	SELECT NEW.creditor_id, NEW.portfolio_id, substr(NEW.placed_date, 1, 7), NEW.currency, NEW.due_date, 1, NEW.balance_minor
	WHERE NEW.status IN ('open', 'in_plan', 'disputed')
	ON CONFLICT (creditor_id, portfolio_id, placed_month, currency, due_date) DO UPDATE SET
		claims = claims + 1, open_minor = open_minor + excluded.open_minor;
END;
--> statement-breakpoint
CREATE TRIGGER report_claims_au AFTER UPDATE OF status, placed_minor, collected_minor, balance_minor, currency, portfolio_id, placed_date, due_date, creditor_id ON claims
WHEN OLD.status IS NOT NEW.status OR OLD.placed_minor <> NEW.placed_minor OR OLD.collected_minor <> NEW.collected_minor
	OR OLD.balance_minor <> NEW.balance_minor OR OLD.currency IS NOT NEW.currency OR OLD.portfolio_id <> NEW.portfolio_id
	OR OLD.placed_date IS NOT NEW.placed_date OR OLD.due_date IS NOT NEW.due_date OR OLD.creditor_id <> NEW.creditor_id
BEGIN
	UPDATE report_claims SET claims = claims - 1, placed_minor = placed_minor - OLD.placed_minor,
		collected_minor = collected_minor - OLD.collected_minor, balance_minor = balance_minor - OLD.balance_minor
	WHERE creditor_id = OLD.creditor_id AND portfolio_id = OLD.portfolio_id AND placed_month = substr(OLD.placed_date, 1, 7)
		AND currency = OLD.currency AND status = OLD.status;
	INSERT INTO report_claims (creditor_id, portfolio_id, placed_month, currency, status, claims, placed_minor, collected_minor, balance_minor)
	VALUES (NEW.creditor_id, NEW.portfolio_id, substr(NEW.placed_date, 1, 7), NEW.currency, NEW.status, 1, NEW.placed_minor, NEW.collected_minor, NEW.balance_minor)
	ON CONFLICT (creditor_id, portfolio_id, placed_month, currency, status) DO UPDATE SET
		claims = claims + 1, placed_minor = placed_minor + excluded.placed_minor,
		collected_minor = collected_minor + excluded.collected_minor, balance_minor = balance_minor + excluded.balance_minor;
	UPDATE report_aging SET claims = claims - 1, open_minor = open_minor - OLD.balance_minor
	WHERE OLD.status IN ('open', 'in_plan', 'disputed') AND creditor_id = OLD.creditor_id AND portfolio_id = OLD.portfolio_id
		AND placed_month = substr(OLD.placed_date, 1, 7) AND currency = OLD.currency AND due_date = OLD.due_date;
	INSERT INTO report_aging (creditor_id, portfolio_id, placed_month, currency, due_date, claims, open_minor)
	SELECT NEW.creditor_id, NEW.portfolio_id, substr(NEW.placed_date, 1, 7), NEW.currency, NEW.due_date, 1, NEW.balance_minor
	WHERE NEW.status IN ('open', 'in_plan', 'disputed')
	ON CONFLICT (creditor_id, portfolio_id, placed_month, currency, due_date) DO UPDATE SET
		claims = claims + 1, open_minor = open_minor + excluded.open_minor;
END;
--> statement-breakpoint
CREATE TRIGGER report_claims_ad AFTER DELETE ON claims BEGIN
	UPDATE report_claims SET claims = claims - 1, placed_minor = placed_minor - OLD.placed_minor,
		collected_minor = collected_minor - OLD.collected_minor, balance_minor = balance_minor - OLD.balance_minor
	WHERE creditor_id = OLD.creditor_id AND portfolio_id = OLD.portfolio_id AND placed_month = substr(OLD.placed_date, 1, 7)
		AND currency = OLD.currency AND status = OLD.status;
	UPDATE report_aging SET claims = claims - 1, open_minor = open_minor - OLD.balance_minor
	WHERE OLD.status IN ('open', 'in_plan', 'disputed') AND creditor_id = OLD.creditor_id AND portfolio_id = OLD.portfolio_id
		AND placed_month = substr(OLD.placed_date, 1, 7) AND currency = OLD.currency AND due_date = OLD.due_date;
END;
--> statement-breakpoint
CREATE TRIGGER report_collected_ai AFTER INSERT ON ledger_entries WHEN NEW.kind IN ('payment', 'refund') BEGIN
	INSERT INTO report_collected (creditor_id, portfolio_id, placed_month, currency, month, collected_minor)
	SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), c.currency, substr(NEW.effective_date, 1, 7), -NEW.amount_minor
	FROM claims c WHERE c.id = NEW.claim_id
	ON CONFLICT (creditor_id, portfolio_id, placed_month, currency, month) DO UPDATE SET
		collected_minor = collected_minor + excluded.collected_minor;
END;
--> statement-breakpoint
CREATE TRIGGER report_stage_ai AFTER INSERT ON claim_stage_events BEGIN
	INSERT INTO report_stage_outcomes (creditor_id, portfolio_id, placed_month, stage, outcome, events)
	SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), NEW.stage, coalesce(NEW.outcome, 'open'), 1
	FROM claims c WHERE c.id = NEW.claim_id
	ON CONFLICT (creditor_id, portfolio_id, placed_month, stage, outcome) DO UPDATE SET events = events + 1;
END;
--> statement-breakpoint
CREATE TRIGGER report_stage_au AFTER UPDATE OF stage, outcome ON claim_stage_events
WHEN OLD.stage IS NOT NEW.stage OR OLD.outcome IS NOT NEW.outcome BEGIN
	UPDATE report_stage_outcomes SET events = events - 1
	WHERE (creditor_id, portfolio_id, placed_month) = (SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7) FROM claims c WHERE c.id = OLD.claim_id)
		AND stage = OLD.stage AND outcome = coalesce(OLD.outcome, 'open');
	INSERT INTO report_stage_outcomes (creditor_id, portfolio_id, placed_month, stage, outcome, events)
	SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), NEW.stage, coalesce(NEW.outcome, 'open'), 1
	FROM claims c WHERE c.id = NEW.claim_id
	ON CONFLICT (creditor_id, portfolio_id, placed_month, stage, outcome) DO UPDATE SET events = events + 1;
END;
--> statement-breakpoint
CREATE TRIGGER report_plans_ai AFTER INSERT ON plans BEGIN
	INSERT INTO report_plans (creditor_id, portfolio_id, placed_month, status, plans)
	SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), NEW.status, 1 FROM claims c WHERE c.id = NEW.claim_id
	ON CONFLICT (creditor_id, portfolio_id, placed_month, status) DO UPDATE SET plans = plans + 1;
END;
--> statement-breakpoint
CREATE TRIGGER report_plans_au AFTER UPDATE OF status ON plans WHEN OLD.status IS NOT NEW.status BEGIN
	UPDATE report_plans SET plans = plans - 1
	WHERE (creditor_id, portfolio_id, placed_month) = (SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7) FROM claims c WHERE c.id = OLD.claim_id)
		AND status = OLD.status;
	INSERT INTO report_plans (creditor_id, portfolio_id, placed_month, status, plans)
	SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), NEW.status, 1 FROM claims c WHERE c.id = NEW.claim_id
	ON CONFLICT (creditor_id, portfolio_id, placed_month, status) DO UPDATE SET plans = plans + 1;
END;
--> statement-breakpoint
CREATE TRIGGER report_installments_ai AFTER INSERT ON installments BEGIN
	INSERT INTO report_installments (creditor_id, portfolio_id, placed_month, status, on_time, installments)
	SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), NEW.status, coalesce(NEW.paid_on_time, -1), 1
	FROM plans p JOIN claims c ON c.id = p.claim_id WHERE p.id = NEW.plan_id
	ON CONFLICT (creditor_id, portfolio_id, placed_month, status, on_time) DO UPDATE SET installments = installments + 1;
END;
--> statement-breakpoint
CREATE TRIGGER report_installments_au AFTER UPDATE OF status, paid_on_time ON installments
WHEN OLD.status IS NOT NEW.status OR OLD.paid_on_time IS NOT NEW.paid_on_time BEGIN
	UPDATE report_installments SET installments = installments - 1
	WHERE (creditor_id, portfolio_id, placed_month) = (SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7) FROM plans p JOIN claims c ON c.id = p.claim_id WHERE p.id = OLD.plan_id)
		AND status = OLD.status AND on_time = coalesce(OLD.paid_on_time, -1);
	INSERT INTO report_installments (creditor_id, portfolio_id, placed_month, status, on_time, installments)
	SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), NEW.status, coalesce(NEW.paid_on_time, -1), 1
	FROM plans p JOIN claims c ON c.id = p.claim_id WHERE p.id = NEW.plan_id
	ON CONFLICT (creditor_id, portfolio_id, placed_month, status, on_time) DO UPDATE SET installments = installments + 1;
END;
--> statement-breakpoint
CREATE TRIGGER report_contact_followed_ai AFTER INSERT ON report_contact_followed BEGIN
	UPDATE report_contacts SET followed = followed + 1
	WHERE (creditor_id, portfolio_id, placed_month, channel) = (
		SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), e.channel
		FROM contact_events e JOIN claims c ON c.id = e.claim_id WHERE e.id = NEW.contact_id
	);
END;
--> statement-breakpoint
CREATE TRIGGER report_payments_ai AFTER INSERT ON payments WHEN NEW.status = 'succeeded' AND NEW.completed_at IS NOT NULL BEGIN
	INSERT INTO report_contact_followed (contact_id)
	SELECT e.id FROM contact_events e
	WHERE e.claim_id = NEW.claim_id AND e.outcome <> 'blocked'
		AND e.occurred_at BETWEEN NEW.completed_at - 1209600000 AND NEW.completed_at
		AND NOT EXISTS (SELECT 1 FROM report_contact_followed f WHERE f.contact_id = e.id);
END;
--> statement-breakpoint
CREATE TRIGGER report_payments_au AFTER UPDATE OF status, completed_at ON payments
WHEN NEW.status = 'succeeded' AND NEW.completed_at IS NOT NULL AND (OLD.status IS NOT 'succeeded' OR OLD.completed_at IS NOT NEW.completed_at) BEGIN
	INSERT INTO report_contact_followed (contact_id)
	SELECT e.id FROM contact_events e
	WHERE e.claim_id = NEW.claim_id AND e.outcome <> 'blocked'
		AND e.occurred_at BETWEEN NEW.completed_at - 1209600000 AND NEW.completed_at
		AND NOT EXISTS (SELECT 1 FROM report_contact_followed f WHERE f.contact_id = e.id);
END;
--> statement-breakpoint
CREATE TRIGGER report_contacts_ai AFTER INSERT ON contact_events WHEN NEW.outcome <> 'blocked' BEGIN
	INSERT INTO report_contacts (creditor_id, portfolio_id, placed_month, channel, contacts, followed)
	SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), NEW.channel, 1, 0 FROM claims c WHERE c.id = NEW.claim_id
	ON CONFLICT (creditor_id, portfolio_id, placed_month, channel) DO UPDATE SET contacts = contacts + 1;
	INSERT INTO report_contact_followed (contact_id)
	SELECT NEW.id WHERE EXISTS (
		SELECT 1 FROM payments p WHERE p.claim_id = NEW.claim_id AND +p.status = 'succeeded'
			AND +p.completed_at BETWEEN NEW.occurred_at AND NEW.occurred_at + 1209600000
	) AND NOT EXISTS (SELECT 1 FROM report_contact_followed f WHERE f.contact_id = NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER sessions_debtor_anonymised AFTER UPDATE OF anonymized_at ON debtors
WHEN NEW.anonymized_at IS NOT NULL
BEGIN
	DELETE FROM sessions WHERE debtor_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER sessions_debtor_deleted BEFORE DELETE ON debtors
BEGIN
	DELETE FROM sessions WHERE debtor_id = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER claim_debtors_default AFTER INSERT ON claims
BEGIN
	INSERT OR IGNORE INTO claim_debtors (claim_id, creditor_id, kind, name, birth_date, tax_number, postal_code, city, address, email, phone)
	SELECT NEW.id, NEW.creditor_id, d.kind, d.name, d.birth_date, d.tax_number, d.postal_code, d.city, d.address, d.email, d.phone
	FROM debtors d WHERE d.id = NEW.debtor_id;
END;
--> statement-breakpoint
CREATE TRIGGER claim_debtors_anonymised AFTER UPDATE OF anonymized_at ON debtors
WHEN NEW.anonymized_at IS NOT NULL AND OLD.anonymized_at IS NULL
BEGIN
	UPDATE claim_debtors SET name = '', birth_date = NULL, tax_number = NULL, postal_code = '', city = '', address = '', email = NULL, phone = NULL
	WHERE claim_id IN (SELECT id FROM claims WHERE debtor_id = NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `strategy_versions_no_update` BEFORE UPDATE OF `body_json`, `version`, `creditor_id`, `portfolio_id` ON `strategy_versions`
BEGIN
	SELECT RAISE(ABORT, 'strategy versions are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER `strategy_versions_no_delete` BEFORE DELETE ON `strategy_versions`
BEGIN
	SELECT RAISE(ABORT, 'strategy versions are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER search_debtors_insert AFTER INSERT ON debtors
WHEN NEW.anonymized_at IS NULL
BEGIN
	INSERT INTO search_debtors (rowid, name, phone, email, tax, birth) VALUES (NEW.id, NEW.name,
		replace(replace(replace(replace(replace(replace(replace(coalesce(NEW.phone, ''), ' ', ''), '+', ''), '-', ''), '(', ''), ')', ''), '/', ''), '.', ''),
		coalesce(NEW.email, ''),
		replace(replace(coalesce(NEW.tax_number, ''), '-', ''), ' ', ''),
		coalesce(NEW.birth_date, ''));
END;
--> statement-breakpoint
CREATE TRIGGER search_debtors_update AFTER UPDATE OF name, phone, email, tax_number, birth_date, anonymized_at ON debtors
BEGIN
	DELETE FROM search_debtors WHERE rowid = OLD.id;
	INSERT INTO search_debtors (rowid, name, phone, email, tax, birth)
	SELECT NEW.id, NEW.name,
		replace(replace(replace(replace(replace(replace(replace(coalesce(NEW.phone, ''), ' ', ''), '+', ''), '-', ''), '(', ''), ')', ''), '/', ''), '.', ''),
		coalesce(NEW.email, ''),
		replace(replace(coalesce(NEW.tax_number, ''), '-', ''), ' ', ''),
		coalesce(NEW.birth_date, '')
	WHERE NEW.anonymized_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER search_debtors_delete AFTER DELETE ON debtors
BEGIN
	DELETE FROM search_debtors WHERE rowid = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER search_claims_insert AFTER INSERT ON claims
BEGIN
	INSERT INTO search_claims (rowid, ref) VALUES (NEW.id, '^' || NEW.reference);
END;
--> statement-breakpoint
CREATE TRIGGER search_claims_update AFTER UPDATE OF reference ON claims
BEGIN
	DELETE FROM search_claims WHERE rowid = OLD.id;
	INSERT INTO search_claims (rowid, ref) VALUES (NEW.id, '^' || NEW.reference);
END;
--> statement-breakpoint
CREATE TRIGGER search_claims_delete AFTER DELETE ON claims
BEGIN
	DELETE FROM search_claims WHERE rowid = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER disputes_status_insert BEFORE INSERT ON disputes
WHEN NEW.status NOT IN ('open', 'upheld', 'corrected', 'rejected', 'withdrawn')
BEGIN SELECT RAISE(ABORT, 'disputes.status is not a dispute status'); END;
--> statement-breakpoint
CREATE TRIGGER disputes_status_update BEFORE UPDATE OF status ON disputes
WHEN NEW.status NOT IN ('open', 'upheld', 'corrected', 'rejected', 'withdrawn')
BEGIN SELECT RAISE(ABORT, 'disputes.status is not a dispute status'); END;
--> statement-breakpoint
INSERT INTO report_claims (creditor_id, portfolio_id, placed_month, currency, status, claims, placed_minor, collected_minor, balance_minor)
SELECT creditor_id, portfolio_id, substr(placed_date, 1, 7), currency, status, count(*), sum(placed_minor), sum(collected_minor), sum(balance_minor)
FROM claims GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO report_aging (creditor_id, portfolio_id, placed_month, currency, due_date, claims, open_minor)
SELECT creditor_id, portfolio_id, substr(placed_date, 1, 7), currency, due_date, count(*), sum(balance_minor)
FROM claims WHERE status IN ('open', 'in_plan', 'disputed') GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO report_collected (creditor_id, portfolio_id, placed_month, currency, month, collected_minor)
SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), c.currency, substr(l.effective_date, 1, 7), -sum(l.amount_minor)
FROM ledger_entries l JOIN claims c ON c.id = l.claim_id WHERE l.kind IN ('payment', 'refund') GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO report_stage_outcomes (creditor_id, portfolio_id, placed_month, stage, outcome, events)
SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), e.stage, coalesce(e.outcome, 'open'), count(*)
FROM claim_stage_events e JOIN claims c ON c.id = e.claim_id GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO report_plans (creditor_id, portfolio_id, placed_month, status, plans)
SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), p.status, count(*)
FROM plans p JOIN claims c ON c.id = p.claim_id GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO report_installments (creditor_id, portfolio_id, placed_month, status, on_time, installments)
SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), i.status, coalesce(i.paid_on_time, -1), count(*)
FROM installments i JOIN plans p ON p.id = i.plan_id JOIN claims c ON c.id = p.claim_id GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO report_contacts (creditor_id, portfolio_id, placed_month, channel, contacts, followed)
SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), e.channel, count(*), 0
FROM contact_events e JOIN claims c ON c.id = e.claim_id WHERE e.outcome <> 'blocked' GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO report_contact_followed (contact_id)
SELECT e.id FROM contact_events e WHERE e.outcome <> 'blocked' AND EXISTS (
	SELECT 1 FROM payments p WHERE p.claim_id = e.claim_id AND +p.status = 'succeeded'
		AND +p.completed_at BETWEEN e.occurred_at AND e.occurred_at + 1209600000
);
--> statement-breakpoint
INSERT INTO search_debtors (rowid, name, phone, email, tax, birth)
SELECT id, name,
	replace(replace(replace(replace(replace(replace(replace(coalesce(phone, ''), ' ', ''), '+', ''), '-', ''), '(', ''), ')', ''), '/', ''), '.', ''),
	coalesce(email, ''),
	replace(replace(coalesce(tax_number, ''), '-', ''), ' ', ''),
	coalesce(birth_date, '')
FROM debtors WHERE anonymized_at IS NULL;
--> statement-breakpoint
INSERT INTO search_claims (rowid, ref) SELECT id, '^' || reference FROM claims;
