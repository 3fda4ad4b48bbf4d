ALTER TABLE `payments` ADD `plan_applied_minor` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `refunds` ADD `plan_unapplied_minor` integer DEFAULT 0 NOT NULL;