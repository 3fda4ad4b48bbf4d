CREATE INDEX `ledger_money_date_idx` ON `ledger_entries` (`effective_date`,`claim_id`) WHERE payment_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `messages_source_idx` ON `messages` (`source`,`source_id`);--> statement-breakpoint
CREATE INDEX `messages_report_idx` ON `messages` (`status`,`channel`,`sent_at`);