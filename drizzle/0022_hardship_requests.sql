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
CREATE INDEX `hardship_claim_idx` ON `hardship_requests` (`claim_id`);--> statement-breakpoint
CREATE INDEX `hardship_status_idx` ON `hardship_requests` (`status`,`review_due_date`);