-- Portal-link tokens out of the texts kept before they were taken out (domain/kept-text.ts): a
-- message's body keeps the text sent with its link as '/p/…' (a token is 32 characters of
-- lower-case base32; the message's one link replaced wherever it stands). A letter's own link
-- (letter_contents) goes once its batch is handed over; an open batch still prints it.
UPDATE messages
   SET body = replace(body, substr(body, instr(body, '/p/'), 35), '/p/…')
 WHERE instr(body, '/p/') > 0
   AND substr(body, instr(body, '/p/') + 3, 32) GLOB '[a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7][a-z2-7]'
   AND substr(body, instr(body, '/p/') + 35, 1) NOT GLOB '[a-z2-7]';
--> statement-breakpoint
UPDATE letter_contents
   SET portal_url = substr(portal_url, 1, instr(portal_url, '/p/') + 2) || '…'
 WHERE instr(portal_url, '/p/') > 0
   AND substr(portal_url, instr(portal_url, '/p/') + 3) <> '…'
   AND message_id IN (SELECT m.id FROM messages m JOIN letter_batches b ON b.id = m.letter_batch_id
                       WHERE b.state = 'handed_over');
