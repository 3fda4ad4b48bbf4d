-- One row per claim and stage. Until now a claim that came back to a stage (a broken plan, a
-- rejected dispute, a refund after payment) got a second row for it, and the stage outcomes
-- counted that claim twice there. The repeated rows are merged into the first one: it keeps the
-- day the claim first entered the stage and takes how the claim last left it (or stays open).
UPDATE claim_stage_events AS e SET left_at = l.left_at, outcome = l.outcome
FROM (SELECT min(id) AS first_id, max(id) AS last_id FROM claim_stage_events GROUP BY claim_id, stage HAVING count(*) > 1) AS g
JOIN claim_stage_events AS l ON l.id = g.last_id
WHERE e.id = g.first_id;--> statement-breakpoint
DELETE FROM claim_stage_events WHERE id IN (
	SELECT e.id FROM claim_stage_events AS e
	JOIN (SELECT claim_id, stage, min(id) AS first_id FROM claim_stage_events GROUP BY claim_id, stage HAVING count(*) > 1) AS g
		ON g.claim_id = e.claim_id AND g.stage = e.stage AND e.id <> g.first_id
);--> statement-breakpoint
CREATE UNIQUE INDEX `claim_stage_events_claim_stage_uq` ON `claim_stage_events` (`claim_id`,`stage`);--> statement-breakpoint
-- the rollup is counted again from the merged rows (the deletes above have no trigger to follow)
DELETE FROM report_stage_outcomes;--> statement-breakpoint
INSERT INTO report_stage_outcomes (creditor_id, portfolio_id, placed_month, stage, outcome, events)
SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7), e.stage, coalesce(e.outcome, 'open'), count(*)
FROM claim_stage_events e JOIN claims c ON c.id = e.claim_id GROUP BY 1, 2, 3, 4, 5;
