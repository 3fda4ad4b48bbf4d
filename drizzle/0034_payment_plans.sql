-- A payment now records the plan it settled instalments of (plan-settlement.ts applyPaymentToPlan),
-- so a refund of it gives back only from that plan. Payments applied before then carry only their
-- checkout's plan, or none: their plan is read back from the audit trail's plan.payment_applied
-- entries (the latest plan that took some of the payment), in one pass over the trail.
UPDATE payments SET plan_id = applied.plan
FROM (
	SELECT json_extract(after_json, '$.paymentId') AS payment_id,
	       CAST(entity_id AS INTEGER) AS plan,
	       max(id) AS last_entry
	  FROM audit_log
	 WHERE action = 'plan.payment_applied' AND entity = 'plan'
	   AND json_extract(after_json, '$.applied') > 0
	 GROUP BY json_extract(after_json, '$.paymentId')
) AS applied
WHERE payments.id = applied.payment_id
  AND payments.plan_applied_minor > 0
  AND applied.plan IN (SELECT id FROM plans);
