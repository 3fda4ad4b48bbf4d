ALTER TABLE `payments` ADD `arrived_on` text;--> statement-breakpoint
-- A bank transfer posted from a statement already in the database arrived on its booking day. Only
-- a booking day before the posting's (UTC) date is written: on or after it the column stays null,
-- which reads as the posting day, as before.
UPDATE payments SET arrived_on = posted.booking_date
FROM (
	SELECT payment_id, min(booking_date) AS booking_date
	  FROM bank_entries
	 WHERE status = 'posted' AND payment_id IS NOT NULL
	 GROUP BY payment_id
) AS posted
WHERE payments.id = posted.payment_id
  AND payments.gateway = 'bank_transfer'
  AND payments.completed_at IS NOT NULL
  AND posted.booking_date < date(payments.completed_at / 1000, 'unixepoch');
