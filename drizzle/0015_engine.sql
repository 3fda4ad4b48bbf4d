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
CREATE INDEX `claim_engine_version_idx` ON `claim_engine` (`version_id`);--> statement-breakpoint
CREATE INDEX `claim_engine_experiment_idx` ON `claim_engine` (`experiment_id`,`arm`);--> statement-breakpoint
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
CREATE UNIQUE INDEX `engine_runs_day_unique` ON `engine_runs` (`day`);--> statement-breakpoint
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
CREATE INDEX `holds_claim_idx` ON `holds` (`claim_id`,`start_date`);--> statement-breakpoint
CREATE INDEX `holds_source_idx` ON `holds` (`kind`,`source_id`);--> statement-breakpoint
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
CREATE UNIQUE INDEX `legal_handovers_claim_id_unique` ON `legal_handovers` (`claim_id`);--> statement-breakpoint
CREATE INDEX `legal_handovers_state_idx` ON `legal_handovers` (`state`,`queued_at`);--> statement-breakpoint
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
	`done_at` integer,
	FOREIGN KEY (`claim_id`) REFERENCES `claims`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `strategy_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`run_id`) REFERENCES `engine_runs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `planned_actions_key_unique` ON `planned_actions` (`key`);--> statement-breakpoint
CREATE INDEX `planned_actions_claim_idx` ON `planned_actions` (`claim_id`,`state`);--> statement-breakpoint
CREATE INDEX `planned_actions_queue_idx` ON `planned_actions` (`state`,`kind`,`due_date`);--> statement-breakpoint
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
CREATE INDEX `strategy_experiments_creditor_idx` ON `strategy_experiments` (`creditor_id`,`ended_at`);--> statement-breakpoint
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
CREATE UNIQUE INDEX `strategy_versions_creditor_uq` ON `strategy_versions` (`creditor_id`,`version`) WHERE portfolio_id IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `strategy_versions_portfolio_uq` ON `strategy_versions` (`creditor_id`,`portfolio_id`,`version`) WHERE portfolio_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `creditors` ADD `fees_allowed` integer DEFAULT false NOT NULL;