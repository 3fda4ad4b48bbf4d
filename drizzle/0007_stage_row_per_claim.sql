-- One row per claim and stage. Until now a claim that came back to a stage (a broken plan, a
-- rejected dispute, a refund after payment) got a second row for it, and the stage outcomes
-- counted that claim twice there. The repeated rows are merged into the first one: it keeps the
-- day the claim first entered the stage and takes how the claim last left it (or stays open).
-- Only the merged claims' counts in the rollup change, so a large database migrates in seconds.
CREATE TEMP TABLE stage_merge AS
	SELECT claim_id, stage, min(id) AS first_id, max(id) AS last_id FROM claim_stage_events GROUP BY claim_id, stage HAVING count(*) > 1;--> statement-breakpoint
-- the first row takes the last outcome (the rollup trigger moves its count)
UPDATE claim_stage_events AS e SET left_at = l.left_at, outcome = l.outcome
FROM stage_merge AS m JOIN claim_stage_events AS l ON l.id = m.last_id
WHERE e.id = m.first_id;--> statement-breakpoint
-- the other rows go: their counts leave the rollup first (no trigger follows a delete)
UPDATE report_stage_outcomes AS r SET events = r.events - d.n
FROM (
	SELECT c.creditor_id, c.portfolio_id, substr(c.placed_date, 1, 7) AS placed_month, e.stage, coalesce(e.outcome, 'open') AS outcome, count(*) AS n
	FROM stage_merge AS m
	JOIN claim_stage_events AS e ON e.claim_id = m.claim_id AND e.stage = m.stage AND e.id <> m.first_id
	JOIN claims AS c ON c.id = e.claim_id
	GROUP BY 1, 2, 3, 4, 5
) AS d
WHERE r.creditor_id = d.creditor_id AND r.portfolio_id IS d.portfolio_id AND r.placed_month = d.placed_month AND r.stage = d.stage AND r.outcome = d.outcome;--> statement-breakpoint
DELETE FROM claim_stage_events WHERE id IN (
	SELECT e.id FROM stage_merge AS m JOIN claim_stage_events AS e ON e.claim_id = m.claim_id AND e.stage = m.stage AND e.id <> m.first_id
);--> statement-breakpoint
DROP TABLE stage_merge;--> statement-breakpoint
CREATE UNIQUE INDEX `claim_stage_events_claim_stage_uq` ON `claim_stage_events` (`claim_id`,`stage`);
