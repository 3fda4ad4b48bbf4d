CREATE TABLE `letter_contents` (
	`message_id` integer PRIMARY KEY NOT NULL,
	`letter_date` text NOT NULL,
	`portal_url` text NOT NULL,
	`currency` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`deadline` text NOT NULL,
	`account_name` text NOT NULL,
	`iban` text NOT NULL,
	`bic` text NOT NULL,
	`qr_payload` text NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE no action
);
