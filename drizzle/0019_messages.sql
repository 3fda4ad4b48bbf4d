CREATE TABLE `letter_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`day` text NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`letter_count` integer DEFAULT 0 NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`handed_over_by` integer,
	`handed_over_at` integer,
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
CREATE UNIQUE INDEX `messages_dedupe_key_unique` ON `messages` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `messages_due_idx` ON `messages` (`status`,`scheduled_at`);--> statement-breakpoint
CREATE INDEX `messages_claim_idx` ON `messages` (`claim_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `messages_debtor_idx` ON `messages` (`debtor_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `messages_provider_idx` ON `messages` (`channel`,`provider_id`) WHERE provider_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `messages_batch_idx` ON `messages` (`letter_batch_id`);--> statement-breakpoint
CREATE INDEX `messages_to_idx` ON `messages` (`channel`,`to_address`);--> statement-breakpoint
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
CREATE UNIQUE INDEX `template_versions_key_idx` ON `template_versions` (`key`,`channel`,`language`,`version`);--> statement-breakpoint
ALTER TABLE `contact_preferences` ADD `email_invalid` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `contact_preferences` ADD `phone_invalid` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `contact_preferences` ADD `postal_invalid` integer DEFAULT false NOT NULL;