-- Hand-written (issue 16, item 2): hold rows for what holds a claim today, so that an upgraded
-- database counts active days past due right from the first engine run. Before this migration a
-- dispute, an active plan or a promise held a claim without a row; now each makes one (services/
-- holds.ts). One row per open dispute, active plan and open promise that has none yet, its source
-- id kept; the first day is the Budapest calendar day the dispute was opened, the plan became
-- active (decided, else proposed) or the promise was made. A promise holds through its date plus
-- the default strategy's 3 grace days (end = the first day no longer held). Budapest days by the
-- EU summer-time rule (UTC+2 from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
-- Sunday of October, else UTC+1), as lib/domain/clock.ts computes them. Not audited (a migration).
WITH src AS (
	SELECT id, claim_id, created_at / 1000 AS s FROM disputes d
	 WHERE status = 'open'
	   AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.kind = 'dispute' AND h.source_id = d.id)
), dated AS (
	SELECT id, claim_id, date(s + 3600 * (1 + (
		datetime(s, 'unixepoch') >= date(strftime('%Y', s, 'unixepoch') || '-03-31', '-6 days', 'weekday 0') || ' 01:00:00'
		AND datetime(s, 'unixepoch') < date(strftime('%Y', s, 'unixepoch') || '-10-31', '-6 days', 'weekday 0') || ' 01:00:00'
	)), 'unixepoch') AS day FROM src
)
INSERT INTO holds (claim_id, kind, start_date, end_date, effect_json, source_id, note, created_at)
SELECT claim_id, 'dispute', day, NULL, '{"kind":"stop_clock"}', id, '', CAST(strftime('%s', 'now') AS INTEGER) * 1000
  FROM dated ORDER BY id;
--> statement-breakpoint
WITH src AS (
	SELECT id, claim_id, coalesce(decided_at, created_at) / 1000 AS s FROM plans p
	 WHERE status = 'active'
	   AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.kind = 'plan' AND h.source_id = p.id)
), dated AS (
	SELECT id, claim_id, date(s + 3600 * (1 + (
		datetime(s, 'unixepoch') >= date(strftime('%Y', s, 'unixepoch') || '-03-31', '-6 days', 'weekday 0') || ' 01:00:00'
		AND datetime(s, 'unixepoch') < date(strftime('%Y', s, 'unixepoch') || '-10-31', '-6 days', 'weekday 0') || ' 01:00:00'
	)), 'unixepoch') AS day FROM src
)
INSERT INTO holds (claim_id, kind, start_date, end_date, effect_json, source_id, note, created_at)
SELECT claim_id, 'plan', day, NULL, '{"kind":"stop_clock"}', id, '', CAST(strftime('%s', 'now') AS INTEGER) * 1000
  FROM dated ORDER BY id;
--> statement-breakpoint
WITH src AS (
	SELECT id, claim_id, promised_date, created_at / 1000 AS s FROM promises p
	 WHERE status = 'open'
	   AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.kind = 'promise' AND h.source_id = p.id)
), dated AS (
	SELECT id, claim_id, promised_date, date(s + 3600 * (1 + (
		datetime(s, 'unixepoch') >= date(strftime('%Y', s, 'unixepoch') || '-03-31', '-6 days', 'weekday 0') || ' 01:00:00'
		AND datetime(s, 'unixepoch') < date(strftime('%Y', s, 'unixepoch') || '-10-31', '-6 days', 'weekday 0') || ' 01:00:00'
	)), 'unixepoch') AS day FROM src
)
INSERT INTO holds (claim_id, kind, start_date, end_date, effect_json, source_id, note, created_at)
SELECT claim_id, 'promise', day, date(promised_date, '+4 days'), '{"kind":"stop_clock"}', id, '',
       CAST(strftime('%s', 'now') AS INTEGER) * 1000
  FROM dated ORDER BY id;
