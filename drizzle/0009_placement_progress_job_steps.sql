ALTER TABLE `job_runs` ADD `step` text;--> statement-breakpoint
ALTER TABLE `placement_jobs` ADD `placed_line` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `placement_jobs` ADD `placed_rows` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `placement_jobs` ADD `existing_rows` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `placement_jobs` ADD `debtors_created` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `placement_jobs` ADD `debtors_matched` integer DEFAULT 0 NOT NULL;