-- New rankings (db/queries/ranking-clock.ts: the version and clock in the kv table) are heard as
-- "r" on tgs_feed (migration 0010), so a cached /v1/top state is dropped when they move.
CREATE FUNCTION tgs_notify_rankings() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
    BEGIN
      PERFORM pg_notify('tgs_feed', 'r');
      RETURN NULL;
    END
  $$;
--> statement-breakpoint
-- (The two keys are written, never removed: they carry no expiry for the kv sweep to take.)
CREATE TRIGGER kv_rankings_notify AFTER INSERT OR UPDATE ON kv FOR EACH ROW
  WHEN (NEW.key IN ('ranking:version', 'ranking:now'))
  EXECUTE FUNCTION tgs_notify_rankings();
