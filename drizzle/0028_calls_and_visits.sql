CREATE TABLE `field_regions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agent_id` integer NOT NULL,
	`postal_from` text NOT NULL,
	`postal_to` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`agent_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `field_regions_agent_idx` ON `field_regions` (`agent_id`);--> statement-breakpoint
ALTER TABLE `contact_events` ADD `duration_seconds` integer;--> statement-breakpoint
ALTER TABLE `contact_events` ADD `verified_at` integer;--> statement-breakpoint
ALTER TABLE `contact_events` ADD `note` text;--> statement-breakpoint
ALTER TABLE `contact_events` ADD `attachment_id` integer REFERENCES attachments(id);--> statement-breakpoint
ALTER TABLE `planned_actions` ADD `due_at` integer;