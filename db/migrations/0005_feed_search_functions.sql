-- Search keys for the feed (the `messages.search` column and its GIN index use them).
-- PostgreSQL's `russian` configuration (Russian words through russian_stem, Latin ones through
-- english_stem), then each lexeme stemmed once more: Snowball cuts the "-ов"/"-ев" of a surname
-- in the nominative only ("Песков" → песк, "Пескова" → песков), and the second pass brings every
-- case of the name to one key (песков → песк) while leaving ordinary stems as they are.
CREATE FUNCTION tgs_restem(lexeme text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT coalesce((pg_catalog.ts_lexize('pg_catalog.russian_stem'::regdictionary, lexeme))[1], lexeme) $$;
--> statement-breakpoint
-- A post's search vector: the lexemes of `to_tsvector('russian', body)` re-stemmed, positions kept
-- (so phrases still match), lexemes that meet after the second pass merged by the tsvector input.
CREATE FUNCTION tgs_search_vector(body text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    SELECT coalesce(string_agg(
      '''' || replace(replace(tgs_restem(v.lexeme), '\', '\\'), '''', '''''') || ''':' || array_to_string(v.positions, ','),
      ' '), '')::tsvector
    FROM unnest(pg_catalog.to_tsvector('pg_catalog.russian'::regconfig, body)) v
  $$;
--> statement-breakpoint
-- A reader's query (web search syntax: words, "phrases", -word, or) with the same keys.
CREATE FUNCTION tgs_search_query(q text) RETURNS tsquery
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
  AS $$
    DECLARE
      result tsquery := pg_catalog.websearch_to_tsquery('pg_catalog.russian'::regconfig, q);
      lexeme text;
      key text;
    BEGIN
      FOR lexeme IN
        SELECT DISTINCT replace(m[1], '''''', '''') FROM regexp_matches(result::text, '''((?:[^'']|'''')*)''', 'g') m
      LOOP
        key := tgs_restem(lexeme);
        IF key <> lexeme THEN
          result := ts_rewrite(result, quote_literal(lexeme)::tsquery, quote_literal(key)::tsquery);
        END IF;
      END LOOP;
      RETURN result;
    END
  $$;
