-- Hand-written: the uploaded files move from placement_jobs.content to placement_files (the next
-- migration drops the old column).
INSERT INTO `placement_files` (`job_id`, `content`) SELECT `id`, `content` FROM `placement_jobs`;
