-- Issue 18: an item the site marks urgent (a headline cue, a category or a
-- tag: alerts/cues.rs), decided when it is stored. Which items were already
-- looked at for a notification is the setting alerts.seen_id: article ids
-- only grow, so an item is considered once.
ALTER TABLE articles ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0 CHECK (urgent IN (0, 1));
