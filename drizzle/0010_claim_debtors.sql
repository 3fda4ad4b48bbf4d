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
CREATE INDEX `claim_debtors_creditor_name_idx` ON `claim_debtors` (`creditor_id`,`name`);--> statement-breakpoint
CREATE INDEX `webhook_events_payment_idx` ON `webhook_events` (`payment_id`);