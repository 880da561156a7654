// The Editor step: an original article from the posts, checked, measured for copying (one
// automatic rewrite when too close), stored with its AI usage in one transaction.
import { NotFoundError } from '../../../core/errors';
import { checkEditorDraft } from '../../../core/pipeline/editor/check';
import { copiedPassages, scoreOriginality } from '../../../core/pipeline/originality';
import type { AiCall, EditorDraft, EditorRequest, Originality, SourcePost } from '../../../core/pipeline/types';
import type { SourceLinkView } from '../../../core/pipeline/views';
import type { Tone, UiLanguage } from '../../../core/settings';
import { editorResultForUser, insertEditorResult, type EditorResultRow } from '../../../db/queries/pipeline';
import { settingsOf } from '../../../db/queries/settings';
import type { Db } from '../../../db/types';
import { AiOutputError } from '../../ports/ai';
import { paidOrRecorded, recordCalls, type Actor, type PipelineContext } from './context';
import { collectSources, type SourceSelection } from './sources';

export interface EditorInput {
  selection: SourceSelection;
  language?: UiLanguage;
  tone?: Tone;
}

export interface ArticleDraft {
  draft: EditorDraft;
  originality: Originality;
  calls: AiCall[];
  posts: SourcePost[];
  language: UiLanguage;
  tone: Tone;
}

const BODY_KEYS = ['short', 'medium', 'long'] as const;

function originalityOf(draft: EditorDraft, posts: SourcePost[], rewrites: number): Originality {
  const sources = posts.map((p) => p.text);
  const [short, medium, long] = BODY_KEYS.map((k) => scoreOriginality(draft.body[k], sources));
  return { short, medium, long, rewrites };
}

/** Asks the engine, checks the answer, and rewrites once when a body is too close to a source. */
export async function draftArticle(ctx: PipelineContext, request: EditorRequest): Promise<ArticleDraft> {
  const first = await ctx.ai.writeArticle(request);
  const calls = [...first.calls];
  const checked = checkEditorDraft(first.value, request.posts);
  if (checked.problems.length) throw new AiOutputError('editor draft refused', checked.problems, calls);
  let draft = checked.draft;
  let originality = originalityOf(draft, request.posts, 0);
  if (BODY_KEYS.some((k) => originality[k].tooClose)) {
    const sources = request.posts.map((p) => p.text);
    const passages = [...new Set(BODY_KEYS.flatMap((k) => copiedPassages(draft.body[k], sources)))];
    const second = await ctx.ai.writeArticle({ ...request, rewrite: { previous: draft, passages } });
    calls.push(...second.calls);
    const rechecked = checkEditorDraft(second.value, request.posts);
    // A rewrite that breaks the rules is not better than a close but valid first draft.
    if (!rechecked.problems.length) draft = rechecked.draft;
    originality = originalityOf(draft, request.posts, 1);
  }
  return { draft, originality, calls, posts: request.posts, language: draft.language ?? request.language, tone: request.tone };
}

export async function prepareEditorRequest(ctx: PipelineContext, actor: Actor, input: EditorInput): Promise<EditorRequest> {
  const [posts, settings] = await Promise.all([collectSources(ctx.db, actor.id, input.selection), settingsOf(ctx.db, actor.id)]);
  return { posts, language: input.language ?? settings.language, tone: input.tone ?? settings.tone };
}

export function sourceLinksOf(draft: EditorDraft, posts: SourcePost[]): SourceLinkView[] {
  const byUrl = new Map(posts.map((p) => [p.url, p]));
  return draft.sourceLinks.flatMap((url) => {
    const post = byUrl.get(url);
    return post ? [{ url, channelTitle: post.channelTitle, messageId: post.id }] : [];
  });
}

/** Stores the article and the calls that made it (the caller's transaction). */
export async function storeArticle(tx: Db, params: { actor: Actor; runId: string | null; topicId: number | null; article: ArticleDraft; engine: EditorResultRow['engine']; at: Date }): Promise<EditorResultRow> {
  const { draft, originality, posts } = params.article;
  const row = await insertEditorResult(tx, {
    userId: params.actor.id,
    runId: params.runId,
    topicId: params.topicId,
    messageIds: posts.map((p) => p.id),
    engine: params.engine,
    language: params.article.language,
    tone: params.article.tone,
    headline: draft.headline,
    dek: draft.dek,
    bodyVariants: draft.body,
    keyPoints: draft.keyPoints,
    sourceLinks: sourceLinksOf(draft, posts),
    needsVerification: draft.needsVerification,
    originality,
    createdAt: params.at,
  });
  await recordCalls(tx, { userId: params.actor.id, runId: params.runId, calls: params.article.calls, at: params.at });
  return row;
}

/** POST /v1/transform: the Editor on its own, answered when done. */
export async function runEditor({ ctx, actor, input }: { ctx: PipelineContext; actor: Actor; input: EditorInput }): Promise<EditorResultRow> {
  const request = await prepareEditorRequest(ctx, actor, input);
  const article = await paidOrRecorded(ctx, actor, null, () => draftArticle(ctx, request));
  const at = new Date(ctx.now() * 1000);
  return ctx.db.transaction((tx) => storeArticle(tx, { actor, runId: null, topicId: input.selection.topicId ?? null, article, engine: ctx.ai.engine, at }));
}

export async function editorResultOf(db: Db, actor: Actor, id: string): Promise<EditorResultRow> {
  const row = await editorResultForUser(db, actor.id, id);
  if (!row) throw new NotFoundError('Editor result', id);
  return row;
}
