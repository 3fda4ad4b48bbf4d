ALTER TABLE `letter_batches` ADD `cancelled_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `letter_batches` ADD `origin` text;