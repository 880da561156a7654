// One package item shown the way its platform would show it (a Telegram channel bubble, an X post,
// an Instagram square, a VK wall post, a Threads post, a LinkedIn post), with the length switch, the
// platform's own character counter, copy buttons, hashtags, CTA, the suggested time and the image.
import { createSignal, For, Match, Show, Switch, type JSX } from 'solid-js';
import { t, type DictKey } from '../../i18n';
import { BODY_LENGTHS, type BodyLength, type PackageItemView, type Platform } from '../../lib/pipeline';
import { Icon } from '../Icon';
import { MediaThumbs } from '../MediaThumbs';
import { CharCounter, CopyButton } from './CopyButton';
import { PlatformIcon } from './PlatformIcon';
import { formatInUserZone, platformName } from './text';
import './preview.css';
import { initialsOf } from '../../lib/initials';

/** Whose post it is in the mock-ups: the signed-in user. */
export interface Author {
  name: string;
  handle: string;
  photoUrl: string | null;
}

const LENGTH_LABELS: Record<BodyLength, DictKey> = {
  short: 'package.length.short',
  medium: 'package.length.medium',
  long: 'package.length.long',
};
/** Where people read a few lines, start short; elsewhere the middle length. */
const DEFAULT_LENGTH: Record<Platform, BodyLength> = {
  telegram: 'medium',
  vk: 'medium',
  x: 'short',
  instagram: 'medium',
  threads: 'short',
  linkedin: 'long',
};

// Hashtags, @mentions and links, drawn in the platform's link colour.
const TOKEN = /(#[\p{L}\p{N}_]+|@[A-Za-z0-9_]{2,}|https?:\/\/[^\s]+)/u;

function RichText(props: { text: string; class?: string; inline?: boolean }) {
  const parts = () => (
    <For each={props.text.split(TOKEN)}>{(part, i) => (i() % 2 === 1 ? <span class="pv-link">{part}</span> : part)}</For>
  );
  return (
    <Show when={props.inline} fallback={<p class={`pv-text ${props.class ?? ''}`}>{parts()}</p>}>
      <span class={`pv-text ${props.class ?? ''}`}>{parts()}</span>
    </Show>
  );
}

function Avatar(props: { author: Author; class?: string }) {
  const initials = () => initialsOf(props.author.name);
  return (
    <Show when={props.author.photoUrl} fallback={<span class={`pv-avatar ${props.class ?? ''}`}>{initials()}</span>}>
      {(src) => <img class={`pv-avatar ${props.class ?? ''}`} src={src()} alt="" referrerpolicy="no-referrer" />}
    </Show>
  );
}

interface MockProps {
  item: PackageItemView;
  text: string;
  author: Author;
  headline: string;
}

const hour = (iso: string) => formatInUserZone(iso, { hour: '2-digit', minute: '2-digit' });
const dayAndHour = (iso: string) => formatInUserZone(iso, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const day = (iso: string) => formatInUserZone(iso, { day: 'numeric', month: 'short' });

function Picture(props: { url: string | null; class?: string }) {
  return (
    <Show when={props.url}>
      {(url) => <img class={`pv-image ${props.class ?? ''}`} src={url()} alt="" loading="lazy" />}
    </Show>
  );
}

function TelegramMock(props: MockProps) {
  return (
    <div class="pv-tg">
      <div class="pv-tg-bar">
        <Avatar author={props.author} />
        <span class="pv-names">
          <strong>{props.author.name}</strong>
          <small>{t('package.mock.channel')}</small>
        </span>
      </div>
      <div class="pv-tg-chat">
        <div class="pv-tg-bubble">
          <Picture url={props.item.imageUrl} class="pv-tg-image" />
          <RichText text={props.text} class="pv-tg-text" />
          <span class="pv-tg-meta">{hour(props.item.postTime)}</span>
        </div>
      </div>
    </div>
  );
}

function XMock(props: MockProps) {
  return (
    <div class="pv-x">
      <Avatar author={props.author} />
      <div class="pv-x-main">
        <div class="pv-x-head">
          <strong>{props.author.name}</strong>
          <span class="pv-faint">
            @{props.author.handle} · {day(props.item.postTime)}
          </span>
        </div>
        <RichText text={props.text} />
        <Picture url={props.item.imageUrl} class="pv-x-image" />
        <div class="pv-icons pv-x-icons" aria-hidden="true">
          <Icon name="comment" size={16} />
          <Icon name="forward" size={16} />
          <Icon name="heart" size={16} />
          <Icon name="usage" size={16} />
        </div>
      </div>
    </div>
  );
}

function InstagramMock(props: MockProps) {
  return (
    <div class="pv-ig">
      <div class="pv-ig-head">
        <span class="pv-ig-ring">
          <Avatar author={props.author} />
        </span>
        <strong>{props.author.handle}</strong>
      </div>
      <div class="pv-ig-square">
        <Show when={props.item.imageUrl} fallback={<span class="pv-ig-card">{props.headline}</span>}>
          {(url) => <img src={url()} alt="" loading="lazy" />}
        </Show>
      </div>
      <div class="pv-icons pv-ig-icons" aria-hidden="true">
        <Icon name="heart" size={20} />
        <Icon name="comment" size={20} />
        <Icon name="forward" size={20} />
      </div>
      <div class="pv-ig-caption">
        <strong>{props.author.handle}</strong> <RichText text={props.text} inline />
      </div>
    </div>
  );
}

function VkMock(props: MockProps) {
  return (
    <div class="pv-vk">
      <div class="pv-post-head">
        <Avatar author={props.author} />
        <span class="pv-names">
          <strong>{props.author.name}</strong>
          <small>{dayAndHour(props.item.postTime)}</small>
        </span>
      </div>
      <RichText text={props.text} />
      <Picture url={props.item.imageUrl} class="pv-vk-image" />
      <div class="pv-vk-actions" aria-hidden="true">
        <span>
          <Icon name="heart" size={16} />
        </span>
        <span>
          <Icon name="comment" size={16} />
        </span>
        <span>
          <Icon name="forward" size={16} />
        </span>
        <span class="pv-vk-views">
          <Icon name="eye" size={15} />
        </span>
      </div>
    </div>
  );
}

function ThreadsMock(props: MockProps) {
  return (
    <div class="pv-th">
      <div class="pv-th-side">
        <Avatar author={props.author} />
        <span class="pv-th-line" />
      </div>
      <div class="pv-th-main">
        <div class="pv-x-head">
          <strong>{props.author.handle}</strong>
          <span class="pv-faint">{day(props.item.postTime)}</span>
        </div>
        <RichText text={props.text} />
        <Picture url={props.item.imageUrl} class="pv-th-image" />
        <div class="pv-icons" aria-hidden="true">
          <Icon name="heart" size={18} />
          <Icon name="comment" size={18} />
          <Icon name="reset" size={18} />
          <Icon name="forward" size={18} />
        </div>
      </div>
    </div>
  );
}

function LinkedInMock(props: MockProps) {
  return (
    <div class="pv-li">
      <div class="pv-post-head">
        <Avatar author={props.author} class="pv-avatar-square" />
        <span class="pv-names">
          <strong>{props.author.name}</strong>
          <small>{t('package.mock.author')}</small>
          <small>{dayAndHour(props.item.postTime)}</small>
        </span>
      </div>
      <RichText text={props.text} />
      <Picture url={props.item.imageUrl} class="pv-li-image" />
      <div class="pv-li-actions" aria-hidden="true">
        <span>
          <Icon name="heart" size={16} />
          <span class="pv-li-label">{t('package.mock.like')}</span>
        </span>
        <span>
          <Icon name="comment" size={16} />
          <span class="pv-li-label">{t('package.mock.comment')}</span>
        </span>
        <span>
          <Icon name="reset" size={16} />
          <span class="pv-li-label">{t('package.mock.repost')}</span>
        </span>
        <span>
          <Icon name="forward" size={16} />
          <span class="pv-li-label">{t('package.mock.send')}</span>
        </span>
      </div>
    </div>
  );
}

function Mock(props: MockProps) {
  return (
    <Switch>
      <Match when={props.item.platform === 'telegram'}>
        <TelegramMock {...props} />
      </Match>
      <Match when={props.item.platform === 'x'}>
        <XMock {...props} />
      </Match>
      <Match when={props.item.platform === 'instagram'}>
        <InstagramMock {...props} />
      </Match>
      <Match when={props.item.platform === 'vk'}>
        <VkMock {...props} />
      </Match>
      <Match when={props.item.platform === 'threads'}>
        <ThreadsMock {...props} />
      </Match>
      <Match when={props.item.platform === 'linkedin'}>
        <LinkedInMock {...props} />
      </Match>
    </Switch>
  );
}

/** A platform's note on how it counts, where that surprises people. */
const COUNT_NOTES: Partial<Record<Platform, DictKey>> = {
  x: 'package.countNote.x',
};

function MetaRow(props: { label: string; children: JSX.Element; action?: JSX.Element }) {
  return (
    <div class="pv-meta-row">
      <dt>{props.label}</dt>
      <dd>
        <div class="pv-meta-value">{props.children}</div>
        <Show when={props.action}>{props.action}</Show>
      </dd>
    </div>
  );
}

export function PackagePreview(props: { item: PackageItemView; author: Author; headline: string }) {
  const [length, setLength] = createSignal<BodyLength>(DEFAULT_LENGTH[props.item.platform]);
  const text = () => props.item.texts[length()];
  const count = () => props.item.counts[length()];
  const captionLimited = () => props.item.platform === 'telegram' && props.item.imageUrl !== null;
  const note = () => (captionLimited() ? 'package.countNote.telegramCaption' : COUNT_NOTES[props.item.platform]);
  return (
    <section class="card pv" data-testid="package-preview" data-platform={props.item.platform} data-length={length()}>
      <header class="pv-head">
        <h3 class="pv-title">
          <PlatformIcon platform={props.item.platform} size={22} />
          {platformName(props.item.platform)}
        </h3>
        <div class="segmented pv-lengths" role="group" aria-label={t('package.lengthLabel')}>
          <For each={BODY_LENGTHS}>
            {(l) => (
              <button type="button" class="segmented-item" aria-pressed={length() === l} data-length={l} onClick={() => setLength(l)}>
                {t(LENGTH_LABELS[l])}
              </button>
            )}
          </For>
        </div>
      </header>
      <div class="pv-stage">
        <Mock item={props.item} text={text()} author={props.author} headline={props.headline} />
      </div>
      <div class="pv-tools">
        <CharCounter used={count().used} limit={count().limit} />
        <Show when={note()}>{(key) => <span class="muted small">{t(key())}</span>}</Show>
        <CopyButton text={text()} label={t('package.copyText')} testId="copy-text" />
      </div>
      <dl class="pv-meta">
        <Show when={props.item.hashtags.length}>
          <MetaRow label={t('package.hashtags')} action={<CopyButton text={props.item.hashtags.join(' ')} testId="copy-hashtags" />}>
            <span class="chip-row">
              <For each={props.item.hashtags}>{(tag) => <span class="pv-tag">{tag}</span>}</For>
            </span>
          </MetaRow>
        </Show>
        <Show when={props.item.cta}>
          <MetaRow label={t('package.cta')} action={<CopyButton text={props.item.cta} testId="copy-cta" />}>
            {props.item.cta}
          </MetaRow>
        </Show>
        <MetaRow label={t('package.postTime')}>
          <span class="pv-time">
            <Icon name="clock" size={15} />
            <time datetime={props.item.postTime}>
              {formatInUserZone(props.item.postTime, { weekday: 'short', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' })}
            </time>
          </span>
          <Show when={props.item.postTimeReason}>
            <span class="muted small pv-reason">{props.item.postTimeReason}</span>
          </Show>
        </MetaRow>
        <Show when={props.item.imageUrl}>
          {(url) => (
            <MetaRow label={t('package.image')}>
              <MediaThumbs media={[{ kind: 'photo', url: url(), width: null, height: null, format: 'png' }]} />
              <Show when={props.item.imageSize}>{(size) => <span class="muted small">{size().replace('x', '×')}</span>}</Show>
            </MetaRow>
          )}
        </Show>
      </dl>
    </section>
  );
}
