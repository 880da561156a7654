// The sandbox's channel world: the bundled data set of real posts (ingest-container/sandbox-data,
// CC BY 4.0, see LICENCE.md and SOURCE-README.md there) or any directory in the same format
// (SANDBOX_DATA_DIR). Channel files are parsed on first use, so start-up stays fast.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { bareChannelId } from '../../../core/channels/telegram-id';
import { CHANNEL_VISIBILITIES, type ChannelVisibility } from '../../../core/channels/visibility';

export const DEFAULT_SANDBOX_DATA_DIR = path.resolve(import.meta.dirname, '../../sandbox-data');

const channelEntry = z.object({
  file: z.string().regex(/^[\w.-]+\.json$/),
  channel_id: z.number().int(),
  title: z.string(),
  username: z.string().nullable(),
  visibility: z.enum(CHANNEL_VISIBILITIES),
  invite_link: z.string().nullable(),
});

const postEntry = z.object({
  message_id: z.number().int().positive(),
  text: z.string().nullable().optional(),
  date: z.string(),
});

export interface SandboxPost {
  id: number;
  /** Unix milliseconds. */
  date: number;
  text: string;
}

export interface SandboxChannel {
  /** The bare MTProto channel id (the data set's -100… Bot API id without the prefix). */
  tgChannelId: number;
  title: string;
  username: string | null;
  visibility: ChannelVisibility;
  /** The invite hash a private channel is reachable by. */
  inviteHash: string | null;
  /** Oldest first. */
  posts(): SandboxPost[];
}

export function inviteHashOf(link: string): string | null {
  const match = /(?:\/\+|\/joinchat\/)([A-Za-z0-9_-]+)\/?$/.exec(link);
  return match ? match[1] : null;
}

export interface SandboxDataset {
  channels: SandboxChannel[];
  byUsername(username: string): SandboxChannel | undefined;
  byInviteHash(hash: string): SandboxChannel | undefined;
  byId(tgChannelId: number): SandboxChannel | undefined;
}

export function loadDataset(dir: string = DEFAULT_SANDBOX_DATA_DIR): SandboxDataset {
  const index = z.array(channelEntry).parse(JSON.parse(readFileSync(path.join(dir, 'channels.json'), 'utf8')));
  const channels: SandboxChannel[] = index.map((entry) => {
    let cached: SandboxPost[] | null = null;
    return {
      tgChannelId: bareChannelId(entry.channel_id),
      title: entry.title,
      username: entry.username,
      visibility: entry.visibility,
      inviteHash: entry.invite_link ? inviteHashOf(entry.invite_link) : null,
      posts: () => {
        cached ??= z
          .array(postEntry)
          .parse(JSON.parse(readFileSync(path.join(dir, entry.file), 'utf8')))
          .map((p) => ({ id: p.message_id, date: Date.parse(p.date), text: p.text ?? '' }))
          .sort((a, b) => a.id - b.id);
        return cached;
      },
    };
  });
  const byUsername = new Map(channels.filter((c) => c.username).map((c) => [c.username!.toLowerCase(), c]));
  const byInvite = new Map(channels.filter((c) => c.inviteHash).map((c) => [c.inviteHash!, c]));
  const byId = new Map(channels.map((c) => [c.tgChannelId, c]));
  return {
    channels,
    byUsername: (username) => byUsername.get(username.toLowerCase()),
    byInviteHash: (hash) => byInvite.get(hash),
    byId: (id) => byId.get(id),
  };
}
