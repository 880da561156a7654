-- Feed fingerprints without a round trip (edge/services/feed-changes.ts): a Node server that
-- LISTENs on tgs_feed hears, once its transaction commits, of every change that moves a reader's
-- fingerprint — a channel's feed_version ("c<id>") or a reader's subscriptions ("u<user id>").
-- (AFTER UPDATE, not UPDATE OF feed_version: channels_feed_shown raises it without naming it.)
-- NOTIFY folds equal payloads of one transaction into one; with no listener it costs next to nothing.
CREATE FUNCTION tgs_notify_channel_feed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
    BEGIN
      PERFORM pg_notify('tgs_feed', 'c' || NEW.id::text);
      RETURN NULL;
    END
  $$;
--> statement-breakpoint
CREATE TRIGGER channels_feed_notify AFTER UPDATE ON channels FOR EACH ROW
  WHEN (NEW.feed_version IS DISTINCT FROM OLD.feed_version)
  EXECUTE FUNCTION tgs_notify_channel_feed();
--> statement-breakpoint
CREATE FUNCTION tgs_notify_subscriptions() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('tgs_feed', 'u' || OLD.user_id::text); END IF;
      IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('tgs_feed', 'u' || NEW.user_id::text); END IF;
      RETURN NULL;
    END
  $$;
--> statement-breakpoint
CREATE TRIGGER subscriptions_feed_notify AFTER INSERT OR UPDATE OR DELETE ON subscriptions FOR EACH ROW
  EXECUTE FUNCTION tgs_notify_subscriptions();
