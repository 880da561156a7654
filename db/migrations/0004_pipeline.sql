DROP INDEX "generated_images_brief_idx";--> statement-breakpoint
DROP INDEX "content_package_items_package_idx";--> statement-breakpoint
DROP INDEX "content_packages_user_created_idx";--> statement-breakpoint
ALTER TABLE "content_package_items" ALTER COLUMN "platform" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "editor_results" ALTER COLUMN "originality" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "pipeline_runs" ALTER COLUMN "input" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "ai_usage" ADD COLUMN "engine" text DEFAULT 'openai' NOT NULL;--> statement-breakpoint
ALTER TABLE "ai_usage" ADD COLUMN "cached_tokens" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "content_package_items" ADD COLUMN "position" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "content_package_items" ADD COLUMN "post_time_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "content_package_items" ADD COLUMN "counts" jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "content_package_items" ADD COLUMN "image_size" text;--> statement-breakpoint
ALTER TABLE "content_packages" ADD COLUMN "engine" text DEFAULT 'offline' NOT NULL;--> statement-breakpoint
ALTER TABLE "editor_results" ADD COLUMN "engine" text DEFAULT 'offline' NOT NULL;--> statement-breakpoint
ALTER TABLE "editor_results" ADD COLUMN "tone" text DEFAULT 'neutral' NOT NULL;--> statement-breakpoint
ALTER TABLE "generated_images" ADD COLUMN "user_id" uuid NOT NULL;--> statement-breakpoint
ALTER TABLE "generated_images" ADD COLUMN "engine" text DEFAULT 'offline' NOT NULL;--> statement-breakpoint
ALTER TABLE "image_briefs" ADD COLUMN "run_id" uuid;--> statement-breakpoint
ALTER TABLE "image_briefs" ADD COLUMN "position" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "pipeline_runs" ADD COLUMN "steps_done" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "pipeline_runs" ADD COLUMN "engine" text DEFAULT 'offline' NOT NULL;--> statement-breakpoint
ALTER TABLE "pipeline_runs" ADD COLUMN "error_code" text;--> statement-breakpoint
ALTER TABLE "pipeline_runs" ADD COLUMN "editor_result_id" uuid;--> statement-breakpoint
ALTER TABLE "pipeline_runs" ADD COLUMN "package_id" uuid;--> statement-breakpoint
ALTER TABLE "pipeline_runs" ADD COLUMN "claimed_step" "pipeline_step";--> statement-breakpoint
ALTER TABLE "pipeline_runs" ADD COLUMN "claimed_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "generated_images" ADD CONSTRAINT "generated_images_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "image_briefs" ADD CONSTRAINT "image_briefs_run_id_pipeline_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."pipeline_runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ai_usage_run_idx" ON "ai_usage" USING btree ("run_id");--> statement-breakpoint
CREATE UNIQUE INDEX "content_packages_run_uq" ON "content_packages" USING btree ("run_id") WHERE "content_packages"."run_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "editor_results_run_uq" ON "editor_results" USING btree ("run_id") WHERE "editor_results"."run_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "generated_images_user_brief_uq" ON "generated_images" USING btree ("user_id","brief_hash","variant");--> statement-breakpoint
CREATE UNIQUE INDEX "image_briefs_run_position_uq" ON "image_briefs" USING btree ("run_id","position") WHERE "image_briefs"."run_id" is not null;--> statement-breakpoint
CREATE INDEX "pipeline_runs_user_topic_idx" ON "pipeline_runs" USING btree ("user_id","topic_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "content_package_items_package_idx" ON "content_package_items" USING btree ("package_id","position");--> statement-breakpoint
CREATE INDEX "content_packages_user_created_idx" ON "content_packages" USING btree ("user_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "pipeline_runs" DROP COLUMN "result";--> statement-breakpoint
DROP TYPE "public"."platform";