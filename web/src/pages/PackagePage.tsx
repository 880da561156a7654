// One package: the article (three lengths, key points, sources, claims to verify, originality), its
// images with their captions, a preview per platform that looks like the platform, and export.
import { A, useParams } from '@solidjs/router';
import type { ORIGINALITY_LIMITS } from '../../../core/pipeline/originality';
import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { Async } from '../components/Async';
import { Badge } from '../components/Badge';
import { Card } from '../components/Card';
import { Icon } from '../components/Icon';
import { MediaThumbs } from '../components/MediaThumbs';
import { PageHeader } from '../components/PageHeader';
import { CopyButton } from '../components/pipeline/CopyButton';
import { ExportLinks } from '../components/pipeline/ExportLinks';
import { PackagePreview, type Author } from '../components/pipeline/PlatformPreview';
import { charCount, plural } from '../components/pipeline/text';
import { formatDateTime, locale, t, type DictKey } from '../i18n';
import {
  BODY_LENGTHS,
  getPackage,
  packageExportUrl,
  PLATFORMS,
  type BodyLength,
  type EditorResultView,
  type ImageBriefView,
  type OriginalityScore,
  type PackageView,
  type VerificationFlag,
} from '../lib/pipeline';
import { displayName, me } from '../lib/session';
import './posts.css';
import './packages.css';

/**
 * The Editor's anti-copy limits: a body passes with at most this much shared with a source. Typed by
 * the server's constant (a type-only import), so changing it there fails `tsc` here.
 */
const LIMITS: Pick<typeof ORIGINALITY_LIMITS, 'maxSharedRun' | 'maxSharedNgramShare'> = { maxSharedRun: 12, maxSharedNgramShare: 0.05 };

const LENGTH_LABELS: Record<BodyLength, DictKey> = {
  short: 'package.length.short',
  medium: 'package.length.medium',
  long: 'package.length.long',
};
const REASONS: Record<VerificationFlag['reason'], DictKey> = {
  single_source: 'package.verifyReason.single_source',
  contradiction: 'package.verifyReason.contradiction',
};

const percent = (share: number) => new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(share);
const decimal = (n: number) => new Intl.NumberFormat(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);
/** "t.me/channel/123" for a link's visible text. */
const shortUrl = (url: string) => url.replace(/^https?:\/\//, '');

interface Segment {
  text: string;
  flag?: VerificationFlag;
}

/** The body split so that claims to verify, where the text states them word for word, can be marked. */
export function markClaims(text: string, flags: VerificationFlag[]): Segment[] {
  const lower = text.toLowerCase();
  const hits: { start: number; end: number; flag: VerificationFlag }[] = [];
  for (const flag of flags) {
    const needle = flag.claim.trim().replace(/[.!?…]+$/u, '').toLowerCase();
    if (needle.length < 8) continue;
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) hits.push({ start: at, end: at + needle.length, flag });
  }
  hits.sort((a, b) => a.start - b.start);
  const segments: Segment[] = [];
  let cursor = 0;
  for (const hit of hits) {
    if (hit.start < cursor) continue;
    if (hit.start > cursor) segments.push({ text: text.slice(cursor, hit.start) });
    segments.push({ text: text.slice(hit.start, hit.end), flag: hit.flag });
    cursor = hit.end;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor) });
  return segments;
}

function Body(props: { text: string; flags: VerificationFlag[] }) {
  return (
    <div class="article-body">
      <For each={markClaims(props.text, props.flags)}>
        {(segment) => (
          <Show when={segment.flag} fallback={segment.text}>
            {(flag) => (
              <mark class="verify-mark" data-reason={flag().reason} title={t(REASONS[flag().reason])}>
                {segment.text}
              </mark>
            )}
          </Show>
        )}
      </For>
    </div>
  );
}

function Score(props: { over: boolean; title: string; children: string }) {
  return (
    <td class="orig-cell" classList={{ 'orig-ok': !props.over, 'orig-over': props.over }} data-over={props.over ? 'true' : 'false'} title={props.title}>
      <Icon name={props.over ? 'close' : 'check'} size={13} />
      {props.children}
    </td>
  );
}

function Originality(props: { result: EditorResultView; current: BodyLength }) {
  const row = (length: BodyLength): OriginalityScore => props.result.originality[length];
  return (
    <div class="originality">
      <div class="table-scroll">
        <table class="orig-table" data-testid="originality">
          <thead>
            <tr>
              <th scope="col">{t('package.originality.text')}</th>
              <th scope="col">
                {t('package.originality.run')}
                <small>{t('package.originality.limit', { limit: LIMITS.maxSharedRun })}</small>
              </th>
              <th scope="col">
                {t('package.originality.ngrams')}
                <small>{t('package.originality.limit', { limit: percent(LIMITS.maxSharedNgramShare) })}</small>
              </th>
              <th scope="col">{t('package.originality.rouge')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={BODY_LENGTHS}>
              {(length) => (
                <tr classList={{ 'orig-current': props.current === length }} data-length={length} data-too-close={row(length).tooClose ? 'true' : 'false'}>
                  <th scope="row">
                    {t(LENGTH_LABELS[length])}
                    <Show when={row(length).tooClose}>
                      <Badge tone="danger">{t('package.originality.tooClose')}</Badge>
                    </Show>
                  </th>
                  <Score over={row(length).longestSharedRun > LIMITS.maxSharedRun} title={plural('pipeline.words', row(length).longestSharedRun)}>
                    {String(row(length).longestSharedRun)}
                  </Score>
                  <Score over={row(length).sharedNgramShare > LIMITS.maxSharedNgramShare} title={t('package.originality.ngramsHint')}>
                    {percent(row(length).sharedNgramShare)}
                  </Score>
                  <td class="orig-cell">{decimal(row(length).rougeL)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <p class="muted small">{t('package.originalityHint')}</p>
      <Show when={props.result.originality.rewrites > 0}>
        <p class="muted small">{t('package.originality.rewritten')}</p>
      </Show>
    </div>
  );
}

function Verification(props: { result: EditorResultView }) {
  const channelOf = createMemo(() => new Map(props.result.sourceLinks.map((s) => [s.url, s.channelTitle])));
  return (
    <ul class="verify-list" data-testid="needs-verification">
      <For each={props.result.needsVerification}>
        {(flag) => (
          <li class="verify-item" data-reason={flag.reason}>
            <Badge tone={flag.reason === 'contradiction' ? 'danger' : 'warning'}>{t(REASONS[flag.reason])}</Badge>
            <p>{flag.claim}</p>
            <span class="verify-sources">
              <For each={flag.sources}>
                {(url) => (
                  <a href={url} target="_blank" rel="noopener noreferrer">
                    {channelOf().get(url) ?? shortUrl(url)}
                    <Icon name="external" size={13} />
                  </a>
                )}
              </For>
            </span>
          </li>
        )}
      </For>
    </ul>
  );
}

function Article(props: { result: EditorResultView }) {
  const [length, setLength] = createSignal<BodyLength>('medium');
  return (
    <div class="article-grid">
      <Card class="article-card">
        <article class="article" data-testid="article" data-length={length()}>
          <p class="article-dek">{props.result.dek}</p>
          <div class="article-tools">
            <div class="segmented article-lengths" role="group" aria-label={t('package.lengthLabel')}>
              <For each={BODY_LENGTHS}>
                {(l) => (
                  <button type="button" class="segmented-item" aria-pressed={length() === l} data-length={l} onClick={() => setLength(l)}>
                    {t(LENGTH_LABELS[l])}
                    <span class="segmented-count">{plural('pipeline.chars', charCount(props.result.body[l]))}</span>
                  </button>
                )}
              </For>
            </div>
            <CopyButton text={props.result.body[length()]} label={t('package.copyText')} testId="copy-body" />
          </div>
          <Body text={props.result.body[length()]} flags={props.result.needsVerification} />
        </article>
        <h3 class="article-section-title">{t('package.originality')}</h3>
        <Originality result={props.result} current={length()} />
      </Card>
      <div class="article-side">
        <Show when={props.result.needsVerification.length}>
          <Card title={t('package.verify')} class="verify-card">
            <p class="muted small">{t('package.verifyHint')}</p>
            <Verification result={props.result} />
          </Card>
        </Show>
        <Show when={props.result.keyPoints.length}>
          <Card title={t('package.keyPoints')}>
            <ul class="key-points">
              <For each={props.result.keyPoints}>{(point) => <li>{point}</li>}</For>
            </ul>
          </Card>
        </Show>
        <Card title={t('package.sources')}>
          <ul class="source-list" data-testid="sources">
            <For each={props.result.sourceLinks}>
              {(source) => (
                <li>
                  <a href={source.url} target="_blank" rel="noopener noreferrer">
                    <strong>{source.channelTitle}</strong>
                    <span class="muted small">{shortUrl(source.url)}</span>
                    <Icon name="external" size={14} />
                  </a>
                </li>
              )}
            </For>
          </ul>
        </Card>
      </div>
    </div>
  );
}

function Images(props: { briefs: ImageBriefView[] }) {
  return (
    <div class="brief-grid">
      <For each={props.briefs}>
        {(brief) => (
          <figure class="brief" data-brief-id={brief.id}>
            <Show when={brief.imageUrls.length} fallback={<p class="brief-missing muted small">{t('package.noImage')}</p>}>
              <MediaThumbs media={brief.imageUrls.map((url) => ({ kind: 'photo', url, width: null, height: null, format: 'png' }))} />
            </Show>
            <figcaption>
              <strong>{brief.title}</strong>
              <span class="small">{brief.caption}</span>
              <span class="muted small">{brief.size.replace('x', '×')}</span>
            </figcaption>
          </figure>
        )}
      </For>
    </div>
  );
}

function author(): Author {
  const user = me()?.user;
  if (!user) return { name: t('package.mock.you'), handle: 'channel', photoUrl: null };
  return { name: displayName(user), handle: user.username ?? `user${user.tgId}`, photoUrl: user.photoUrl };
}

function Package(props: { pkg: PackageView }) {
  const result = () => props.pkg.editorResult;
  const items = () => PLATFORMS.flatMap((p) => props.pkg.items.filter((i) => i.platform === p));
  return (
    <>
      <PageHeader
        back={
          <A href="/packages" class="back-link">
            <Icon name="arrowLeft" size={16} />
            {t('package.back')}
          </A>
        }
        title={result().headline}
        subtitle={
          <span class="package-subtitle">
            <span>{t('package.created', { date: formatDateTime(props.pkg.createdAt) })}</span>
            <Show when={props.pkg.engine === 'offline'}>
              <span title={t('header.aiOfflineHint')} data-testid="engine-offline">
                <Badge tone="warning">{t('engine.offline')}</Badge>
              </span>
            </Show>
            <Show when={props.pkg.engine === 'offline' && result().language !== locale()}>
              <span class="small" data-testid="source-language">
                {t('package.sourceLanguage', { language: t(`settings.languageName.${result().language}`) })}
              </span>
            </Show>
            <Show when={result().topicId}>
              {(topicId) => (
                <A href={`/topics/${topicId()}`} class="small">
                  {t('top.openTopic')}
                </A>
              )}
            </Show>
          </span>
        }
        actions={<ExportLinks json={packageExportUrl(props.pkg.id, 'json')} csv={packageExportUrl(props.pkg.id, 'csv')} />}
      />
      <Article result={result()} />
      <Show when={props.pkg.briefs.length}>
        <h2 class="section-title">{t('package.images')}</h2>
        <Images briefs={props.pkg.briefs} />
      </Show>
      <h2 class="section-title">{t('package.previews')}</h2>
      <p class="muted small">{t('package.previewsHint')}</p>
      <div class="pv-grid">
        <For each={items()}>{(item) => <PackagePreview item={item} author={author()} headline={result().headline} />}</For>
      </div>
    </>
  );
}

export default function PackagePage() {
  const params = useParams<{ id: string }>();
  const [pkg, { refetch }] = createResource(() => params.id, getPackage);
  return (
    <div class="page" data-page="package">
      <Async of={pkg} onRetry={refetch}>
        {(data) => <Package pkg={data()} />}
      </Async>
    </div>
  );
}
