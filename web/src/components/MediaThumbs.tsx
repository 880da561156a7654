// A post's media: photo thumbnails that open in a lightbox (Esc or a click outside closes it;
// "open in a new tab" for the full file), other kinds as labelled chips linking to the file.
import { createSignal, For, onCleanup, Show } from 'solid-js';
import { Portal } from 'solid-js/web';
import type { MediaRef } from '../../../db/queries/feed';
import { isDictKey, t } from '../i18n';
import { Icon } from './Icon';

const MAX_THUMBS = 4;

function kindLabel(kind: string): string {
  const key = `feed.type.${kind}`;
  return isDictKey(key) ? t(key) : kind;
}

function Lightbox(props: { media: MediaRef; onClose: () => void }) {
  const onKey = (e: KeyboardEvent) => e.key === 'Escape' && props.onClose();
  document.addEventListener('keydown', onKey);
  onCleanup(() => document.removeEventListener('keydown', onKey));
  return (
    <Portal>
      <div class="lightbox" role="dialog" aria-modal="true" aria-label={t('feed.openImage')} onClick={(e) => e.target === e.currentTarget && props.onClose()}>
        <figure class="lightbox-figure">
          <img src={props.media.url} alt="" />
          <figcaption class="lightbox-actions">
            <a class="btn btn-sm btn-secondary" href={props.media.url} target="_blank" rel="noopener noreferrer">
              <Icon name="external" size={16} />
              {t('feed.openInTab')}
            </a>
            <button type="button" class="btn btn-sm btn-secondary" onClick={() => props.onClose()} ref={(el) => queueMicrotask(() => el.focus())}>
              <Icon name="close" size={16} />
              {t('feed.closeImage')}
            </button>
          </figcaption>
        </figure>
      </div>
    </Portal>
  );
}

export function MediaThumbs(props: { media: MediaRef[] }) {
  const [open, setOpen] = createSignal<MediaRef | null>(null);
  const shown = () => props.media.slice(0, MAX_THUMBS);
  return (
    <Show when={props.media.length}>
      <div class="post-media" classList={{ 'post-media-single': props.media.length === 1 }}>
        <For each={shown()}>
          {(m) => (
            <Show
              when={m.kind === 'photo'}
              fallback={
                <a class="post-media-file" href={m.url} target="_blank" rel="noopener noreferrer">
                  <Icon name="download" size={16} />
                  {kindLabel(m.kind)}
                </a>
              }
            >
              <button type="button" class="post-thumb" aria-label={t('feed.openImage')} onClick={() => setOpen(m)}>
                <img src={m.url} alt="" loading="lazy" width={m.width ?? undefined} height={m.height ?? undefined} />
              </button>
            </Show>
          )}
        </For>
        <Show when={props.media.length > MAX_THUMBS}>
          <span class="post-media-more">+{props.media.length - MAX_THUMBS}</span>
        </Show>
      </div>
      <Show when={open()}>{(m) => <Lightbox media={m()} onClose={() => setOpen(null)} />}</Show>
    </Show>
  );
}
