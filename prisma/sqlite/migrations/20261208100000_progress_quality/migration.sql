-- The rendition each episode was watched in, for the data meter (docs/decisions/025-progress-quality.md).
ALTER TABLE "UserProgress" ADD COLUMN "quality" TEXT;
-- Rows still in progress were saved by the player (marking as watched makes a completed row): they were played,
-- at a quality nobody recorded, which the meter counts as the episode's highest ("auto").
UPDATE "UserProgress" SET "quality" = 'auto' WHERE "completed" = false;
