-- The soft objectives' weights an organiser chose for a suggestion run (issue 16), as JSON: the job reads them when
-- it starts and the proposal shows them. NULL for runs stored before the weights were on the page (they used the defaults).
ALTER TABLE schedule_suggestions ADD COLUMN weights TEXT;
