ALTER TABLE "channels" ADD COLUMN "feed_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- A feed page shows posts of its reader's channels with their media, topic and channel. Whatever
-- changes one of those raises the channel's feed_version, so a page cached under the versions of
-- its channels (edge/services/feed-pages.ts) is stale exactly when one of them moved. The rows are
-- locked in id order first: two statements that bump overlapping sets of channels can't deadlock.
CREATE FUNCTION tgs_bump_feed_versions(ids bigint[]) RETURNS void
  LANGUAGE plpgsql
  AS $$
    BEGIN
      IF cardinality(ids) = 0 THEN RETURN; END IF;
      PERFORM 1 FROM channels WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE;
      UPDATE channels SET feed_version = feed_version + 1 WHERE id = ANY(ids);
    END
  $$;
--> statement-breakpoint
-- Posts inserted, edited (text, metrics, deletion mark) or removed: once per statement.
CREATE FUNCTION tgs_messages_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
    BEGIN
      PERFORM tgs_bump_feed_versions(array(SELECT DISTINCT channel_id FROM changed_rows));
      RETURN NULL;
    END
  $$;
--> statement-breakpoint
-- A post's media or topic changed (rows that carry `message_id`): its channel moves.
CREATE FUNCTION tgs_post_parts_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
    BEGIN
      PERFORM tgs_bump_feed_versions(array(
        SELECT DISTINCT m.channel_id FROM changed_rows r JOIN messages m ON m.id = r.message_id));
      RETURN NULL;
    END
  $$;
--> statement-breakpoint
-- Each of those tables gets an insert, an update and a delete trigger (statement-level, so a batch
-- of 100 posts costs one bump): messages_feed_inserted, media_assets_feed_updated, …
DO $$
  DECLARE
    target record;
    event record;
  BEGIN
    FOR target IN SELECT * FROM (VALUES
      ('messages', 'tgs_messages_changed'), ('media_assets', 'tgs_post_parts_changed'), ('topic_messages', 'tgs_post_parts_changed')
    ) AS t(tbl, fn) LOOP
      FOR event IN SELECT * FROM (VALUES ('INSERT', 'inserted', 'NEW'), ('UPDATE', 'updated', 'NEW'), ('DELETE', 'deleted', 'OLD')) AS e(op, suffix, rows) LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER %s ON %I REFERENCING %s TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
          target.tbl || '_feed_' || event.suffix, event.op, target.tbl, event.rows, target.fn);
      END LOOP;
    END LOOP;
  END
$$;
--> statement-breakpoint
-- A topic's title (or the post it comes from) changed: every channel with a post in it moves.
CREATE FUNCTION tgs_topic_titles_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
    BEGIN
      PERFORM tgs_bump_feed_versions(array(
        SELECT DISTINCT m.channel_id FROM new_rows n
        JOIN old_rows o ON o.id = n.id
        JOIN topic_messages tm ON tm.topic_id = n.id
        JOIN messages m ON m.id = tm.message_id
        WHERE n.title IS DISTINCT FROM o.title OR n.title_message_id IS DISTINCT FROM o.title_message_id));
      RETURN NULL;
    END
  $$;
--> statement-breakpoint
CREATE TRIGGER topics_feed_titles AFTER UPDATE ON topics REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tgs_topic_titles_changed();
--> statement-breakpoint
-- What a post shows of its channel (name, link, visibility) changed.
CREATE FUNCTION tgs_channel_shown_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
    BEGIN
      NEW.feed_version := NEW.feed_version + 1;
      RETURN NEW;
    END
  $$;
--> statement-breakpoint
CREATE TRIGGER channels_feed_shown BEFORE UPDATE ON channels FOR EACH ROW
  WHEN ((NEW.title, NEW.username, NEW.visibility, NEW.tg_channel_id) IS DISTINCT FROM (OLD.title, OLD.username, OLD.visibility, OLD.tg_channel_id))
  EXECUTE FUNCTION tgs_channel_shown_changed();
