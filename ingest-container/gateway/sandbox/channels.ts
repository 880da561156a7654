// The sandbox's channels, served like Telegram serves them to a member:
// - time advances: SANDBOX_START_AT places "now" on the data's timeline (default
//   2024-12-02T06:00Z) and later posts are released at SANDBOX_SPEED × real time;
// - public channels resolve by username; the three private ones only by their invite link.
//   Resolving the invite link is how a sandbox account "joins" (as tapping Join in the app): the
//   channel handle it returns carries that membership, and reading a private channel with any
//   other handle answers CHANNEL_PRIVATE, as Telegram does for non-members;
// - FLOOD_WAIT and transient errors are injected at SANDBOX_FLOOD_RATE / SANDBOX_ERROR_RATE.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../../core/config';
import { TelegramFailure, type ChannelHandle, type ChannelReference, type GatewayMessage, type MediaDownload, type ResolvedChannel, type TelegramSession } from '../port';
import { DEFAULT_SANDBOX_DATA_DIR, loadDataset, type SandboxChannel, type SandboxDataset } from './dataset';
import { hasSandboxPhoto, sandboxPhotoPng } from './images';
import { channelReach } from './engagement';
import { toApiMessage } from './messages';

export type SandboxChannelReader = Pick<TelegramSession, 'resolveChannel' | 'readHistory' | 'readLatest' | 'downloadMedia'>;

export const DEFAULT_SANDBOX_START_AT = '2024-12-02T06:00:00Z';

/** Accounts and bots that exist in the sandbox but are not channels (to exercise NOT_A_CHANNEL). */
const NOT_CHANNELS = new Set(['sandbox_reader', 'sandbox_news_bot', 'durov']);

export interface SandboxChannelOptions {
  /** Real time in ms (tests move it). */
  now?: () => number;
  /** [0, 1) source for fault injection (tests make it deterministic). */
  random?: () => number;
  dataset?: SandboxDataset;
}

export interface SandboxClock {
  /** "Now" on the data's timeline, in ms. */
  now(): number;
}

/**
 * "Now" on the data's timeline. With `anchorFile`, the real moment the clock started is kept on
 * disk, so a restarted process continues the same timeline instead of going back to the start.
 */
export function createSandboxClock(startAt: string, speed: number, realNow: () => number, anchorFile?: string): SandboxClock {
  const start = Date.parse(startAt);
  if (Number.isNaN(start)) throw new Error(`SANDBOX_START_AT: not a date: ${startAt}`);
  const realStart = anchorFile ? loadAnchor(anchorFile, startAt, speed, realNow()) : realNow();
  return { now: () => start + (realNow() - realStart) * speed };
}

function loadAnchor(file: string, startAt: string, speed: number, now: number): number {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { startAt?: string; speed?: number; realStart?: number };
    if (saved.startAt === startAt && saved.speed === speed && typeof saved.realStart === 'number') return saved.realStart;
  } catch {
    // No anchor yet (first start) or an unreadable one: start the timeline now.
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ startAt, speed, realStart: now }));
  return now;
}

const PUBLIC_HANDLE = 'sandbox:public';
const inviteHandle = (hash: string) => `sandbox:invite:${hash}`;

export function createSandboxChannels(config: Config, options: SandboxChannelOptions = {}): SandboxChannelReader {
  const dataset = options.dataset ?? loadDataset(config.SANDBOX_DATA_DIR ?? DEFAULT_SANDBOX_DATA_DIR);
  // Tests drive time themselves; a real process keeps its timeline across restarts (DATA_DIR).
  const anchorFile = options.now ? undefined : path.resolve(config.DATA_DIR, 'sandbox-clock.json');
  const clock = createSandboxClock(config.SANDBOX_START_AT ?? DEFAULT_SANDBOX_START_AT, config.SANDBOX_SPEED, options.now ?? Date.now, anchorFile);
  const random = options.random ?? Math.random;

  const maybeFail = () => {
    if (config.SANDBOX_FLOOD_RATE > 0 && random() < config.SANDBOX_FLOOD_RATE) {
      const seconds = 1 + Math.floor(random() * 5);
      throw new TelegramFailure('FLOOD_WAIT', `A wait of ${seconds} seconds is required (sandbox)`, seconds);
    }
    if (config.SANDBOX_ERROR_RATE > 0 && random() < config.SANDBOX_ERROR_RATE) {
      throw new TelegramFailure('TRANSIENT', 'RPC_CALL_FAIL: Telegram is having internal issues (sandbox)');
    }
  };

  const describe = (channel: SandboxChannel, accessHash: string): ResolvedChannel => ({
    tgChannelId: channel.tgChannelId,
    accessHash,
    username: channel.username,
    title: channel.title,
    about: `${channel.title} — sandbox replay of real posts (CC BY 4.0 data set).`,
    visibility: channel.visibility,
    participantsCount: channelReach(channel.tgChannelId),
  });

  const readable = (handle: ChannelHandle): SandboxChannel => {
    const channel = dataset.byId(handle.tgChannelId);
    if (!channel) throw new TelegramFailure('CHANNEL_PRIVATE', 'CHANNEL_INVALID: no such channel');
    if (channel.visibility === 'private' && handle.accessHash !== inviteHandle(channel.inviteHash ?? '')) {
      throw new TelegramFailure('CHANNEL_PRIVATE', 'CHANNEL_PRIVATE: this account is not a member of the channel');
    }
    return channel;
  };

  const visiblePosts = (channel: SandboxChannel) => {
    const now = clock.now();
    const posts = channel.posts();
    // Posts are ordered by id and by date: find the first one still in the future.
    let lo = 0;
    let hi = posts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (posts[mid].date <= now) lo = mid + 1;
      else hi = mid;
    }
    return { posts: posts.slice(0, lo), now };
  };

  return {
    async resolveChannel(reference: ChannelReference) {
      maybeFail();
      if (reference.kind === 'invite') {
        const channel = dataset.byInviteHash(reference.hash);
        if (!channel) throw new TelegramFailure('INVITE_INVALID', 'INVITE_HASH_EXPIRED: the invite link is invalid or expired');
        return describe(channel, inviteHandle(reference.hash));
      }
      if (NOT_CHANNELS.has(reference.username.toLowerCase())) throw new TelegramFailure('NOT_A_CHANNEL', `@${reference.username} is a user or bot, not a channel`);
      const channel = dataset.byUsername(reference.username);
      if (!channel) throw new TelegramFailure('USERNAME_NOT_OCCUPIED', `USERNAME_NOT_OCCUPIED: @${reference.username} does not exist`);
      return describe(channel, PUBLIC_HANDLE);
    },

    async readHistory(handle: ChannelHandle, afterMsgId: number, limit: number): Promise<GatewayMessage[]> {
      maybeFail();
      const channel = readable(handle);
      const { posts, now } = visiblePosts(channel);
      return posts
        .filter((p) => p.id > afterMsgId)
        .slice(0, Math.min(limit, 100))
        .map((p) => toApiMessage(channel.tgChannelId, p, now));
    },

    async readLatest(handle: ChannelHandle, limit: number): Promise<GatewayMessage[]> {
      maybeFail();
      const channel = readable(handle);
      const { posts, now } = visiblePosts(channel);
      return posts
        .slice(Math.max(0, posts.length - limit))
        .reverse()
        .map((p) => toApiMessage(channel.tgChannelId, p, now));
    },

    async downloadMedia(handle: ChannelHandle, message: GatewayMessage, maxBytes: number): Promise<MediaDownload | null> {
      maybeFail();
      const channel = readable(handle);
      if (!hasSandboxPhoto(channel.tgChannelId, message.id)) return null;
      const bytes = sandboxPhotoPng(channel.tgChannelId, message.id);
      if (bytes.length > maxBytes) return null;
      return { bytes, mimeType: 'image/png', fileName: null };
    },
  };
}

