// The platforms a package is made for. Adding one is one entry here (plus its ru/en texts in the web
// app); its counting and caps live in `publisher/rules.ts`.
export const PLATFORMS = ['telegram', 'vk', 'x', 'instagram', 'threads', 'linkedin'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** The sizes gpt-image-1 can make; the offline engine renders the same ones. */
export const IMAGE_SIZES = ['1024x1024', '1536x1024', '1024x1536'] as const;
export type ImageSize = (typeof IMAGE_SIZES)[number];

/** The engine that made a piece of content: shown in the data, the UI and the export. */
export const AI_ENGINES = ['openai', 'offline'] as const;
export type AiEngine = (typeof AI_ENGINES)[number];

/** What an AI call was for (ai_usage.purpose). */
export const AI_PURPOSES = ['editor', 'brief', 'image', 'moderation'] as const;
export type AiPurpose = (typeof AI_PURPOSES)[number];

/** The chain of a run, in order. */
export const PIPELINE_STEPS = ['editor', 'image_brief', 'images', 'publisher'] as const;
export type PipelineStep = (typeof PIPELINE_STEPS)[number];
