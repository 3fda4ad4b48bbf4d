CREATE TABLE `reference_guards` (
	`ref_key` text PRIMARY KEY NOT NULL,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`lock_count` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL
);
