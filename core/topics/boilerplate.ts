// Channel signatures ("Подписаться | Прислать новость", "Читать нас без VPN …") repeat in most
// posts of a channel and, across channels, look like shared story words. Each channel's recent
// lines are counted; a line seen in earlier posts of the same channel is dropped.
import { normalizeText } from '../text/markup';

const HISTORY = 60; // posts remembered per channel
const MIN_REPEATS = 2; // earlier posts of the channel that must carry the line
// Calls to action that are boilerplate even the first time they appear.
const CALL_TO_ACTION = /(подпис|прислать новост|предложить новост|читать нас|subscribe|boost|наш канал|our channel)/iu;

interface ChannelLines {
  recent: string[][];
  counts: Map<string, number>;
}

export class BoilerplateFilter {
  private readonly channels = new Map<string, ChannelLines>();

  /** Text without the channel's boilerplate lines; remembers this post's lines. */
  clean(channelId: string, text: string): string {
    const lines = text.split('\n');
    const keys = lines.map(lineKey);
    const state = this.channelState(channelId);
    const kept = lines.filter((line, i) => !isBoilerplate(line, keys[i], state));
    this.remember(state, keys);
    // A post made only of a repeated line (e.g. a recurring alert) is content, not a signature.
    return kept.some((l) => l.trim()) ? kept.join('\n') : text;
  }

  private channelState(channelId: string): ChannelLines {
    let s = this.channels.get(channelId);
    if (!s) {
      s = { recent: [], counts: new Map() };
      this.channels.set(channelId, s);
    }
    return s;
  }

  private remember(state: ChannelLines, keys: string[]): void {
    const unique = [...new Set(keys.filter(Boolean))];
    state.recent.push(unique);
    for (const k of unique) state.counts.set(k, (state.counts.get(k) ?? 0) + 1);
    if (state.recent.length > HISTORY) {
      for (const k of state.recent.shift() ?? []) {
        const n = (state.counts.get(k) ?? 0) - 1;
        if (n <= 0) state.counts.delete(k);
        else state.counts.set(k, n);
      }
    }
  }
}

const KEY_JUNK = /[\d\s\p{P}\p{S}]+/gu;
// Lines with links, URLs or mentions take the full normalisation; others the short way, which
// gives the same key (markup, hashtag signs and emphasis are punctuation or symbols anyway).
const NEEDS_NORMALIZING = /\]\(|https?:\/\/|www\.|t\.me\/|@/iu;
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{FE0F}\u{200D}\u{20E3}\u{1F1E6}-\u{1F1FF}]/gu;

function lineKey(line: string): string {
  if (NEEDS_NORMALIZING.test(line)) return normalizeText(line).replace(KEY_JUNK, ' ').trim();
  return line.replace(EMOJI, '').toLowerCase().replace(/ё/g, 'е').replace(KEY_JUNK, ' ').trim();
}

function isBoilerplate(line: string, key: string, state: ChannelLines): boolean {
  if (!key) return false;
  if ((state.counts.get(key) ?? 0) >= MIN_REPEATS) return true;
  return key.length < 80 && /\]\(|https?:\/\/|t\.me\//.test(line) && CALL_TO_ACTION.test(key);
}
