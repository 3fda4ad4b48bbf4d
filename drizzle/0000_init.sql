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
	`created_at` integer NOT NULL,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `access_links_token_hash_unique` ON `access_links` (`token_hash`);--> statement-breakpoint
CREATE INDEX `access_links_debtor_idx` ON `access_links` (`debtor_id`);--> statement-breakpoint
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
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_actor_idx` ON `audit_log` (`actor_kind`,`actor_id`);--> statement-breakpoint
CREATE INDEX `audit_action_idx` ON `audit_log` (`action`,`at`);--> statement-breakpoint
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
CREATE INDEX `claim_stage_events_claim_idx` ON `claim_stage_events` (`claim_id`,`entered_at`);--> statement-breakpoint
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
CREATE UNIQUE INDEX `claims_creditor_reference_uq` ON `claims` (`creditor_id`,`reference`);--> statement-breakpoint
CREATE INDEX `claims_debtor_idx` ON `claims` (`debtor_id`);--> statement-breakpoint
CREATE INDEX `claims_portfolio_idx` ON `claims` (`portfolio_id`);--> statement-breakpoint
CREATE INDEX `claims_creditor_status_idx` ON `claims` (`creditor_id`,`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `claims_creditor_stage_idx` ON `claims` (`creditor_id`,`stage`);--> statement-breakpoint
CREATE INDEX `claims_creditor_placed_idx` ON `claims` (`creditor_id`,`placed_date`);--> statement-breakpoint
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
	`occurred_at` integer NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`operator_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contact_events_claim_idx` ON `contact_events` (`claim_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `contact_events_channel_idx` ON `contact_events` (`channel`,`occurred_at`);--> statement-breakpoint
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
	`updated_at` integer NOT NULL,
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
);
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
CREATE INDEX `debtors_name_idx` ON `debtors` (`name`);--> statement-breakpoint
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
CREATE INDEX `disputes_claim_idx` ON `disputes` (`claim_id`);--> statement-breakpoint
CREATE INDEX `disputes_status_idx` ON `disputes` (`status`,`answer_due_date`);--> statement-breakpoint
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
CREATE UNIQUE INDEX `installment_rules_scope_uq` ON `installment_rules` (`creditor_id`,`portfolio_id`);--> statement-breakpoint
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
CREATE UNIQUE INDEX `installments_plan_seq_uq` ON `installments` (`plan_id`,`seq`);--> statement-breakpoint
CREATE INDEX `installments_due_idx` ON `installments` (`status`,`due_date`);--> statement-breakpoint
CREATE TABLE `job_runs` (
	`job` text NOT NULL,
	`day` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
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
CREATE INDEX `ledger_claim_idx` ON `ledger_entries` (`claim_id`,`id`);--> statement-breakpoint
CREATE INDEX `ledger_payment_idx` ON `ledger_entries` (`payment_id`);--> statement-breakpoint
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
CREATE UNIQUE INDEX `outbox_dedupe_key_unique` ON `outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `outbox_status_idx` ON `outbox` (`status`,`scheduled_at`);--> statement-breakpoint
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
	`completed_at` integer,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `payments_claim_idx` ON `payments` (`claim_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `payments_status_idx` ON `payments` (`status`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `payments_provider_ref_uq` ON `payments` (`gateway`,`provider_ref`);--> statement-breakpoint
CREATE INDEX `payments_completed_idx` ON `payments` (`completed_at`);--> statement-breakpoint
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
CREATE INDEX `plans_claim_idx` ON `plans` (`claim_id`,`status`);--> statement-breakpoint
CREATE INDEX `plans_status_idx` ON `plans` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `portfolios` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`creditor_id` integer NOT NULL,
	`name` text NOT NULL,
	`placed_date` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`creditor_id`) REFERENCES `creditors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `portfolios_creditor_idx` ON `portfolios` (`creditor_id`,`placed_date`);--> statement-breakpoint
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
CREATE INDEX `promises_claim_idx` ON `promises` (`claim_id`);--> statement-breakpoint
CREATE INDEX `promises_status_idx` ON `promises` (`status`,`promised_date`);--> statement-breakpoint
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
CREATE INDEX `refund_tasks_status_idx` ON `refund_tasks` (`status`,`due_date`);--> statement-breakpoint
CREATE TABLE `refunds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`payment_id` integer NOT NULL,
	`amount_minor` integer NOT NULL,
	`reason` text NOT NULL,
	`status` text NOT NULL,
	`provider_ref` text,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `refunds_payment_idx` ON `refunds` (`payment_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` blob NOT NULL,
	`kind` text NOT NULL,
	`user_id` integer,
	`debtor_id` integer,
	`two_factor_verified` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`debtor_id`) REFERENCES `debtors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_debtor_idx` ON `sessions` (`debtor_id`);--> statement-breakpoint
CREATE TABLE `settlement_certificates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`claim_id` integer NOT NULL,
	`number` text NOT NULL,
	`issued_at` integer NOT NULL,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `settlement_certificates_claim_id_unique` ON `settlement_certificates` (`claim_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `settlement_certificates_number_unique` ON `settlement_certificates` (`number`);--> statement-breakpoint
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
	`created_at` integer NOT NULL,
	FOREIGN KEY (`creditor_id`) REFERENCES `creditors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_users_email_unique` ON `staff_users` (`email`);--> statement-breakpoint
CREATE INDEX `staff_users_creditor_idx` ON `staff_users` (`creditor_id`);--> statement-breakpoint
CREATE TABLE `strategies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`creditor_id` integer NOT NULL,
	`stages_json` text NOT NULL,
	`contact_limits_json` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`creditor_id`) REFERENCES `creditors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `strategies_creditor_id_unique` ON `strategies` (`creditor_id`);--> statement-breakpoint
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
CREATE UNIQUE INDEX `webhook_events_event_id_unique` ON `webhook_events` (`event_id`);