CREATE TABLE `placement_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`creditor_id` integer NOT NULL,
	`user_id` integer,
	`file_name` text NOT NULL,
	`portfolio_name` text NOT NULL,
	`content` blob NOT NULL,
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
	`finished_at` integer,
	FOREIGN KEY (`creditor_id`) REFERENCES `creditors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`portfolio_id`) REFERENCES `portfolios`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `placement_jobs_creditor_idx` ON `placement_jobs` (`creditor_id`,`id`);--> statement-breakpoint
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
CREATE INDEX `claims_creditor_balance_idx` ON `claims` (`creditor_id`,`balance_minor`);--> statement-breakpoint
CREATE INDEX `claims_creditor_due_idx` ON `claims` (`creditor_id`,`due_date`);--> statement-breakpoint
CREATE INDEX `debtors_tax_number_idx` ON `debtors` (`tax_number`);