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
CREATE UNIQUE INDEX `bank_entries_entry_ref_unique` ON `bank_entries` (`entry_ref`);--> statement-breakpoint
CREATE INDEX `bank_entries_status_idx` ON `bank_entries` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `bank_entries_import_idx` ON `bank_entries` (`import_id`,`id`);--> statement-breakpoint
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
CREATE INDEX `bank_imports_status_idx` ON `bank_imports` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `ledger_settlement_idx` ON `ledger_entries` (`claim_id`) WHERE kind = 'settlement_discount';