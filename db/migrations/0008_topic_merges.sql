ALTER TABLE "topics" ADD COLUMN "merged_into" bigint;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_merged_into_topics_id_fk" FOREIGN KEY ("merged_into") REFERENCES "public"."topics"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "topics_merged_into_idx" ON "topics" USING btree ("merged_into");