CREATE TYPE "public"."account_status" AS ENUM('active', 'needs_relogin', 'flood_wait', 'disabled');--> statement-breakpoint
CREATE TYPE "public"."channel_visibility" AS ENUM('public', 'private');--> statement-breakpoint
CREATE TYPE "public"."media_kind" AS ENUM('photo', 'video', 'document', 'audio', 'voice', 'video_note', 'animation', 'sticker');--> statement-breakpoint
CREATE TYPE "public"."message_lang" AS ENUM('ru', 'en', 'other');--> statement-breakpoint
CREATE TYPE "public"."message_type" AS ENUM('text', 'photo', 'video', 'document', 'audio', 'voice', 'video_note', 'animation', 'sticker', 'poll', 'location', 'contact', 'album', 'webpage', 'service', 'other');--> statement-breakpoint
CREATE TYPE "public"."pipeline_status" AS ENUM('queued', 'running', 'succeeded', 'failed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."pipeline_step" AS ENUM('editor', 'image_brief', 'images', 'publisher');--> statement-breakpoint
CREATE TYPE "public"."plan" AS ENUM('free', 'pro', 'enterprise');--> statement-breakpoint
CREATE TYPE "public"."platform" AS ENUM('telegram', 'vk', 'x', 'instagram', 'facebook', 'threads', 'linkedin');--> statement-breakpoint
CREATE TYPE "public"."qr_login_status" AS ENUM('PENDING', 'PASSWORD_NEEDED', 'AUTHORIZED', 'FAILED', 'EXPIRED');--> statement-breakpoint
CREATE TYPE "public"."ranking_entity_kind" AS ENUM('message', 'topic');--> statement-breakpoint
CREATE TYPE "public"."ranking_window" AS ENUM('24h', '7d');--> statement-breakpoint
CREATE TYPE "public"."ui_language" AS ENUM('ru', 'en');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('user', 'admin');--> statement-breakpoint
CREATE TABLE "user_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"language" "ui_language" DEFAULT 'ru' NOT NULL,
	"tone" text DEFAULT 'neutral' NOT NULL,
	"time_zone" text DEFAULT 'Europe/Moscow' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tg_id" bigint NOT NULL,
	"username" text,
	"first_name" text,
	"last_name" text,
	"photo_url" text,
	"role" "user_role" DEFAULT 'user' NOT NULL,
	"plan" "plan" DEFAULT 'free' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_login_at" timestamp with time zone,
	CONSTRAINT "users_tg_id_unique" UNIQUE("tg_id")
);
--> statement-breakpoint
CREATE TABLE "webhooks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"url" text NOT NULL,
	"secret_cipher" text NOT NULL,
	"events" text[] DEFAULT '{}' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ingest_leases" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qr_logins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"status" "qr_login_status" DEFAULT 'PENDING' NOT NULL,
	"qr_url" text,
	"qr_expires_at" timestamp with time zone,
	"password_hint" text,
	"account_id" uuid,
	"error" text,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tg_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"tg_user_id" bigint NOT NULL,
	"username" text,
	"first_name" text,
	"phone" text,
	"session_cipher" text,
	"kver" integer,
	"is_active" boolean DEFAULT true NOT NULL,
	"status" "account_status" DEFAULT 'active' NOT NULL,
	"flood_wait_until" timestamp with time zone,
	"last_synced_at" timestamp with time zone,
	"last_error" text,
	"is_sandbox" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "account_channel_state" (
	"account_id" uuid NOT NULL,
	"channel_id" bigint NOT NULL,
	"last_msg_id" bigint DEFAULT 0 NOT NULL,
	"last_error" text,
	"error_count" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_channel_state_account_id_channel_id_pk" PRIMARY KEY("account_id","channel_id")
);
--> statement-breakpoint
CREATE TABLE "channels" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tg_channel_id" bigint,
	"username" text,
	"invite_hash" text,
	"title" text NOT NULL,
	"about" text,
	"visibility" "channel_visibility" DEFAULT 'public' NOT NULL,
	"owner_account_id" uuid,
	"is_active" boolean DEFAULT true NOT NULL,
	"participants_count" integer,
	"last_parsed_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channels_tg_channel_id_unique" UNIQUE("tg_channel_id"),
	CONSTRAINT "channels_username_unique" UNIQUE("username"),
	CONSTRAINT "channels_invite_hash_unique" UNIQUE("invite_hash")
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"user_id" uuid NOT NULL,
	"channel_id" bigint NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accessible" boolean DEFAULT true NOT NULL,
	"inaccessible_reason" text,
	CONSTRAINT "subscriptions_user_id_channel_id_pk" PRIMARY KEY("user_id","channel_id")
);
--> statement-breakpoint
CREATE TABLE "media_assets" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"message_id" bigint NOT NULL,
	"kind" "media_kind" NOT NULL,
	"url" text NOT NULL,
	"storage_key" text NOT NULL,
	"size" bigint NOT NULL,
	"format" text NOT NULL,
	"hash" text NOT NULL,
	"width" integer,
	"height" integer,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"channel_id" bigint NOT NULL,
	"msg_id" bigint NOT NULL,
	"date" timestamp with time zone NOT NULL,
	"edit_date" timestamp with time zone,
	"text" text DEFAULT '' NOT NULL,
	"author" text,
	"views" integer DEFAULT 0 NOT NULL,
	"forwards" integer DEFAULT 0 NOT NULL,
	"comments" integer DEFAULT 0 NOT NULL,
	"reactions" jsonb DEFAULT '{"total":0,"byEmoji":{}}'::jsonb NOT NULL,
	"reactions_total" integer DEFAULT 0 NOT NULL,
	"lang" "message_lang" DEFAULT 'other' NOT NULL,
	"type" "message_type" DEFAULT 'text' NOT NULL,
	"hashtags" text[] DEFAULT '{}'::text[] NOT NULL,
	"links" text[] DEFAULT '{}'::text[] NOT NULL,
	"media_present" boolean DEFAULT false NOT NULL,
	"grouped_id" bigint,
	"fwd_from_channel_id" bigint,
	"fwd_from_msg_id" bigint,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ranking" (
	"entity_kind" "ranking_entity_kind" NOT NULL,
	"entity_id" bigint NOT NULL,
	"window" "ranking_window" NOT NULL,
	"score" double precision NOT NULL,
	"components" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ranking_entity_kind_entity_id_window_pk" PRIMARY KEY("entity_kind","entity_id","window")
);
--> statement-breakpoint
CREATE TABLE "topic_messages" (
	"topic_id" bigint NOT NULL,
	"message_id" bigint NOT NULL,
	"similarity" real DEFAULT 1 NOT NULL,
	"duplicate_of_message_id" bigint,
	"is_forward" boolean DEFAULT false NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "topic_messages_topic_id_message_id_pk" PRIMARY KEY("topic_id","message_id")
);
--> statement-breakpoint
CREATE TABLE "topics" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"lang" "message_lang" DEFAULT 'other' NOT NULL,
	"origin_message_id" bigint,
	"origin_channel_id" bigint,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"message_count" integer DEFAULT 0 NOT NULL,
	"channel_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ai_usage" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"run_id" uuid,
	"ts" timestamp with time zone DEFAULT now() NOT NULL,
	"model" text NOT NULL,
	"input_tokens" integer DEFAULT 0 NOT NULL,
	"output_tokens" integer DEFAULT 0 NOT NULL,
	"images" integer DEFAULT 0 NOT NULL,
	"cost_usd" numeric(12, 6) DEFAULT '0' NOT NULL,
	"purpose" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_package_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"package_id" uuid NOT NULL,
	"platform" "platform" NOT NULL,
	"post_time" timestamp with time zone NOT NULL,
	"post_text" jsonb NOT NULL,
	"hashtags" jsonb NOT NULL,
	"cta" text NOT NULL,
	"image_url" text
);
--> statement-breakpoint
CREATE TABLE "content_packages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"editor_result_id" uuid NOT NULL,
	"run_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "editor_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"run_id" uuid,
	"topic_id" bigint,
	"message_ids" bigint[] NOT NULL,
	"language" text NOT NULL,
	"headline" text NOT NULL,
	"dek" text NOT NULL,
	"body_variants" jsonb NOT NULL,
	"key_points" jsonb NOT NULL,
	"source_links" jsonb NOT NULL,
	"needs_verification" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"originality" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "generated_images" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"brief_hash" text NOT NULL,
	"variant" integer DEFAULT 0 NOT NULL,
	"url" text NOT NULL,
	"storage_key" text NOT NULL,
	"model" text NOT NULL,
	"size" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "image_briefs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"editor_result_id" uuid NOT NULL,
	"title" text NOT NULL,
	"prompt" text NOT NULL,
	"negative" text NOT NULL,
	"size" text NOT NULL,
	"aspect" text NOT NULL,
	"variants" integer DEFAULT 1 NOT NULL,
	"caption" text NOT NULL,
	"style_tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"brief_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pipeline_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"topic_id" bigint,
	"status" "pipeline_status" DEFAULT 'queued' NOT NULL,
	"step" "pipeline_step",
	"progress" integer DEFAULT 0 NOT NULL,
	"error" text,
	"input" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"result" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "kv" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "user_settings" ADD CONSTRAINT "user_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ingest_leases" ADD CONSTRAINT "ingest_leases_account_id_tg_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tg_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qr_logins" ADD CONSTRAINT "qr_logins_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qr_logins" ADD CONSTRAINT "qr_logins_account_id_tg_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tg_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tg_accounts" ADD CONSTRAINT "tg_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_channel_state" ADD CONSTRAINT "account_channel_state_account_id_tg_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tg_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_channel_state" ADD CONSTRAINT "account_channel_state_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_owner_account_id_tg_accounts_id_fk" FOREIGN KEY ("owner_account_id") REFERENCES "public"."tg_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_assets" ADD CONSTRAINT "media_assets_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_messages" ADD CONSTRAINT "topic_messages_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_messages" ADD CONSTRAINT "topic_messages_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topic_messages" ADD CONSTRAINT "topic_messages_duplicate_of_message_id_messages_id_fk" FOREIGN KEY ("duplicate_of_message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_origin_message_id_messages_id_fk" FOREIGN KEY ("origin_message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_origin_channel_id_channels_id_fk" FOREIGN KEY ("origin_channel_id") REFERENCES "public"."channels"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_usage" ADD CONSTRAINT "ai_usage_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_usage" ADD CONSTRAINT "ai_usage_run_id_pipeline_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."pipeline_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_package_items" ADD CONSTRAINT "content_package_items_package_id_content_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."content_packages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_packages" ADD CONSTRAINT "content_packages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_packages" ADD CONSTRAINT "content_packages_editor_result_id_editor_results_id_fk" FOREIGN KEY ("editor_result_id") REFERENCES "public"."editor_results"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_packages" ADD CONSTRAINT "content_packages_run_id_pipeline_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."pipeline_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "editor_results" ADD CONSTRAINT "editor_results_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "editor_results" ADD CONSTRAINT "editor_results_run_id_pipeline_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."pipeline_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "editor_results" ADD CONSTRAINT "editor_results_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_briefs" ADD CONSTRAINT "image_briefs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_briefs" ADD CONSTRAINT "image_briefs_editor_result_id_editor_results_id_fk" FOREIGN KEY ("editor_result_id") REFERENCES "public"."editor_results"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_runs" ADD CONSTRAINT "pipeline_runs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_runs" ADD CONSTRAINT "pipeline_runs_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "webhooks_user_idx" ON "webhooks" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "ingest_leases_expires_idx" ON "ingest_leases" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "qr_logins_user_created_idx" ON "qr_logins" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "qr_logins_status_idx" ON "qr_logins" USING btree ("status","expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tg_accounts_user_tg_user_uq" ON "tg_accounts" USING btree ("user_id","tg_user_id");--> statement-breakpoint
CREATE INDEX "tg_accounts_active_idx" ON "tg_accounts" USING btree ("is_active","status");--> statement-breakpoint
CREATE INDEX "tg_accounts_kver_idx" ON "tg_accounts" USING btree ("kver");--> statement-breakpoint
CREATE INDEX "account_channel_state_channel_idx" ON "account_channel_state" USING btree ("channel_id");--> statement-breakpoint
CREATE INDEX "channels_owner_account_idx" ON "channels" USING btree ("owner_account_id");--> statement-breakpoint
CREATE INDEX "subscriptions_channel_idx" ON "subscriptions" USING btree ("channel_id");--> statement-breakpoint
CREATE UNIQUE INDEX "media_assets_message_position_uq" ON "media_assets" USING btree ("message_id","position");--> statement-breakpoint
CREATE INDEX "media_assets_hash_idx" ON "media_assets" USING btree ("hash");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_channel_msg_uq" ON "messages" USING btree ("channel_id","msg_id");--> statement-breakpoint
CREATE INDEX "messages_channel_date_idx" ON "messages" USING btree ("channel_id","date" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "messages_date_idx" ON "messages" USING btree ("date" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "messages_text_search_idx" ON "messages" USING gin (to_tsvector('simple', "text"));--> statement-breakpoint
CREATE INDEX "ranking_window_score_idx" ON "ranking" USING btree ("window","entity_kind","score" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "topic_messages_message_uq" ON "topic_messages" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "topics_last_seen_idx" ON "topics" USING btree ("last_seen_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ai_usage_user_ts_idx" ON "ai_usage" USING btree ("user_id","ts" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "content_package_items_package_idx" ON "content_package_items" USING btree ("package_id");--> statement-breakpoint
CREATE INDEX "content_packages_user_created_idx" ON "content_packages" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "editor_results_user_created_idx" ON "editor_results" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "generated_images_brief_idx" ON "generated_images" USING btree ("brief_hash","variant");--> statement-breakpoint
CREATE INDEX "image_briefs_user_idx" ON "image_briefs" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "image_briefs_editor_result_idx" ON "image_briefs" USING btree ("editor_result_id");--> statement-breakpoint
CREATE INDEX "pipeline_runs_user_created_idx" ON "pipeline_runs" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "pipeline_runs_status_idx" ON "pipeline_runs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "kv_expires_idx" ON "kv" USING btree ("expires_at");