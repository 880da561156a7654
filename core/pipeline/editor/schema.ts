// The Editor's answer as the model writes it: snake_case JSON, every field required (structured
// outputs in strict mode want that; nothing here is optional). The schema carries structure only —
// no lengths or counts, which not every OpenAI-compatible server accepts in a JSON schema and which
// `check.ts` enforces with messages the model can act on. No transforms either: the schema is turned
// into JSON Schema for `response_format`, and the mapper below does the renaming.
import { z } from 'zod';
import type { EditorDraft } from '../types';

export const editorVerificationSchema = z.object({
  claim: z.string().describe('The claim, in the article language, as the article states it.'),
  reason: z.enum(['single_source', 'contradiction']),
  sources: z.array(z.string()).describe('The t.me links of the posts that make or contradict the claim.'),
});

export const editorOutputSchema = z.object({
  headline: z.string(),
  dek: z.string().describe('One sentence under the headline that adds to it.'),
  body: z.object({
    short: z.string(),
    medium: z.string(),
    long: z.string(),
  }),
  key_points: z.array(z.string()),
  source_links: z.array(z.string()).describe('The t.me links of the posts used, exactly as given.'),
  needs_verification: z.array(editorVerificationSchema),
});

export type EditorOutput = z.infer<typeof editorOutputSchema>;

/** The name the schema is sent under (`response_format.json_schema.name`). */
export const EDITOR_SCHEMA_NAME = 'editor_draft';

export function editorDraftFromOutput(output: EditorOutput): EditorDraft {
  return {
    headline: output.headline.trim(),
    dek: output.dek.trim(),
    body: { short: output.body.short.trim(), medium: output.body.medium.trim(), long: output.body.long.trim() },
    keyPoints: output.key_points.map((p) => p.trim()),
    sourceLinks: output.source_links.map((l) => l.trim()),
    needsVerification: output.needs_verification.map((f) => ({
      claim: f.claim.trim(),
      reason: f.reason,
      sources: f.sources.map((s) => s.trim()),
    })),
  };
}

/** The reverse, for showing a previous draft to the model in its own field names (the rewrite). */
export function editorOutputFromDraft(draft: EditorDraft): EditorOutput {
  return {
    headline: draft.headline,
    dek: draft.dek,
    body: { ...draft.body },
    key_points: [...draft.keyPoints],
    source_links: [...draft.sourceLinks],
    needs_verification: draft.needsVerification.map((f) => ({ claim: f.claim, reason: f.reason, sources: [...f.sources] })),
  };
}

const WIRE_NAMES: [RegExp, string][] = [
  [/\bkeyPoints\b/g, 'key_points'],
  [/\bsourceLinks\b/g, 'source_links'],
  [/\bneedsVerification\b/g, 'needs_verification'],
];

/** A problem from `checkEditorDraft` (which speaks of EditorDraft's camelCase fields) in the JSON's names. */
export function inWireNames(problem: string): string {
  return WIRE_NAMES.reduce((text, [pattern, name]) => text.replace(pattern, name), problem);
}

