CREATE TABLE `placement_files` (
	`job_id` integer PRIMARY KEY NOT NULL,
	`content` blob NOT NULL,
	FOREIGN KEY (`job_id`) REFERENCES `placement_jobs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `job_runs` ADD `step` text;--> statement-breakpoint
ALTER TABLE `placement_jobs` ADD `placed_line` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `placement_jobs` ADD `placed_rows` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `placement_jobs` ADD `existing_rows` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `placement_jobs` ADD `debtors_created` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `placement_jobs` ADD `debtors_matched` integer DEFAULT 0 NOT NULL;