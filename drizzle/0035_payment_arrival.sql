ALTER TABLE `payments` ADD `arrived_on` text;--> statement-breakpoint
-- A bank transfer posted from a statement already in the database arrived on its booking day. Only
-- a booking day before the posting's Budapest date is written (null reads as the posting day, as
-- before). The date is taken at UTC+1, never later than Budapest's (UTC+1, in summer UTC+2): a
-- summer posting between midnight and 1 am keeps null, a day late, never a day early.
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
  AND posted.booking_date < date(payments.completed_at / 1000, 'unixepoch', '+1 hour');
