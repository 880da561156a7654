// The Image Brief's answer as the model writes it. Structured outputs need an object at the root, so
// the `count` briefs come wrapped in `{ briefs: [...] }`. Structure only (no counts or lengths in the
// JSON Schema, see editor/schema.ts); `check.ts` enforces the rest.
import { z } from 'zod';
import { IMAGE_SIZES } from '../platforms';
import type { ImageBriefDraft } from '../types';

export const imageBriefOutputSchema = z.object({
  title: z.string().describe('A short working title, in the article language.'),
  prompt: z.string().describe('A concrete photographic scene for the image model, in English.'),
  negative: z.string().describe('What must not be in the picture, comma-separated, in English.'),
  size: z.enum(IMAGE_SIZES),
  caption: z.string().describe('One line describing the picture for readers, in the article language.'),
  style_tags: z.array(z.string()),
});

export const imageBriefsOutputSchema = z.object({
  briefs: z.array(imageBriefOutputSchema),
});

export type ImageBriefsOutput = z.infer<typeof imageBriefsOutputSchema>;

export const IMAGE_BRIEF_SCHEMA_NAME = 'image_briefs';

export function imageBriefsFromOutput(output: ImageBriefsOutput): ImageBriefDraft[] {
  return output.briefs.map((b) => ({
    title: b.title.trim(),
    prompt: b.prompt.trim(),
    negative: b.negative.trim(),
    size: b.size,
    caption: b.caption.trim(),
    styleTags: b.style_tags.map((t) => t.trim()).filter(Boolean),
  }));
}

/** A problem from `checkImageBriefs` (camelCase fields) in the JSON's names. */
export function inBriefWireNames(problem: string): string {
  return problem.replace(/\bstyleTags\b/g, 'style_tags');
}
