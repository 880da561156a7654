// The rules an Editor draft must satisfy, whoever wrote it. The OpenAI adapter sends `problems`
// back to the model for its one retry; the offline engine is pinned by tests to produce none.
import { distinctSentences } from '../text/distinct';
import type { BodyVariants, EditorDraft, SourcePost } from '../types';

/** Body lengths in characters. */
export const BODY_LENGTHS = {
  short: { max: 300 },
  medium: { min: 600, max: 1200 },
  long: { min: 1500, max: 3000 },
} as const;
export const KEY_POINTS = { min: 3, max: 7 } as const;
export const HEADLINE_MAX = 120;

export interface EditorCheck {
  draft: EditorDraft;
  /** Links the draft gave that are not among the inputs (invented or mistyped). */
  droppedLinks: string[];
  /** What makes the draft unusable: it is refused while any is left. */
  problems: string[];
  /**
   * Bodies shorter than their minimum although the sources hold enough text: worth one corrective
   * retry, but a short body is still a usable article (an engine that will not quote, or pad, may
   * not reach the minimum), so it never refuses the draft.
   */
  shortfalls: string[];
}

export function checkEditorDraft(draft: EditorDraft, posts: SourcePost[]): EditorCheck {
  const known = new Map(posts.map((p) => [linkKey(p.url), p.url]));
  const droppedLinks: string[] = [];
  const keep = (links: string[]): string[] => {
    const out: string[] = [];
    for (const link of links) {
      const url = known.get(linkKey(link));
      if (!url) droppedLinks.push(link);
      else if (!out.includes(url)) out.push(url);
    }
    return out;
  };

  const sourceLinks = keep(draft.sourceLinks);
  const needsVerification = draft.needsVerification
    .map((flag) => ({ ...flag, sources: keep(flag.sources) }))
    .filter((flag) => flag.sources.length > 0);
  const checked: EditorDraft = { ...draft, sourceLinks, needsVerification };

  const body = bodyProblems(checked.body, distinctSourceText(posts).length);
  const problems = [...headlineProblems(checked), ...body.problems, ...keyPointProblems(checked.keyPoints)];
  if (sourceLinks.length === 0) {
    problems.push('sourceLinks has no link left from the input posts: cite the t.me links of the posts you used, exactly as given.');
  }
  return { draft: checked, droppedLinks: [...new Set(droppedLinks)], problems, shortfalls: body.shortfalls };
}

/**
 * The posts' text a writer can draw on: markup and channel promo lines stripped, each sentence
 * once even when several channels word it a little differently. Its length decides whether the
 * medium and long bodies must reach their minimums.
 */
export function distinctSourceText(posts: SourcePost[]): string {
  return distinctSentences(posts.map((p) => p.text)).join(' ');
}

/** Links compared without trivial differences: scheme, host case, "www.", a trailing slash. */
export function linkKey(url: string): string {
  const trimmed = url.trim().replace(/^https?:\/\//i, '').replace(/\/+$/, '');
  const slash = trimmed.indexOf('/');
  const host = (slash < 0 ? trimmed : trimmed.slice(0, slash)).toLowerCase().replace(/^www\./, '');
  return slash < 0 ? host : host + trimmed.slice(slash);
}

function headlineProblems(draft: EditorDraft): string[] {
  const out: string[] = [];
  const headline = draft.headline.trim();
  if (!headline) out.push('headline is empty: write a headline of at most 120 characters.');
  else if (headline.length > HEADLINE_MAX) {
    out.push(`headline is ${headline.length} characters; shorten it to at most ${HEADLINE_MAX}.`);
  }
  if (!draft.dek.trim()) out.push('dek is empty: write one sentence that adds to the headline.');
  return out;
}

function bodyProblems(body: BodyVariants, material: number): { problems: string[]; shortfalls: string[] } {
  const out: string[] = [];
  const shortfalls: string[] = [];
  const len = { short: body.short.trim().length, medium: body.medium.trim().length, long: body.long.trim().length };
  for (const key of ['short', 'medium', 'long'] as const) {
    if (len[key] === 0) out.push(`body.${key} is empty.`);
    const { max } = BODY_LENGTHS[key];
    if (len[key] > max) out.push(`body.${key} is ${len[key]} characters; the limit is ${max}, shorten it.`);
  }
  for (const key of ['medium', 'long'] as const) {
    const { min } = BODY_LENGTHS[key];
    // A minimum the sources cannot fill would only push the writer to pad or invent.
    if (len[key] > 0 && len[key] < min && material >= min) {
      shortfalls.push(`body.${key} is ${len[key]} characters; write at least ${min} (the sources hold ${material} characters of distinct text).`);
    }
  }
  // With little material the three may come out alike; they must still never shrink.
  const strict = material >= BODY_LENGTHS.medium.min;
  const grows = strict ? len.short < len.medium && len.medium < len.long : len.short <= len.medium && len.medium <= len.long;
  if (!grows) {
    const sign = strict ? '<' : '≤';
    out.push(`bodies must grow in length: short (${len.short}) ${sign} medium (${len.medium}) ${sign} long (${len.long}) characters.`);
  }
  return { problems: out, shortfalls };
}

function keyPointProblems(points: string[]): string[] {
  const filled = points.filter((p) => p.trim()).length;
  const out: string[] = [];
  if (filled < KEY_POINTS.min || filled > KEY_POINTS.max) {
    out.push(`keyPoints has ${filled} items; give between ${KEY_POINTS.min} and ${KEY_POINTS.max}.`);
  }
  if (filled < points.length) out.push('keyPoints has empty items: remove them.');
  return out;
}
