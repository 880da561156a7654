// Small deterministic PNGs so media flow end to end in the sandbox (the data set has no media):
// a gradient whose colours come from the post, so each image has its own content hash.
import { crc32, deflateSync } from 'node:zlib';
import { seeded } from './engagement';

/** About one post in four carries a photo. */
export function hasSandboxPhoto(tgChannelId: number, postId: number): boolean {
  return seeded('photo', tgChannelId, postId) < 0.25;
}

export const SANDBOX_PHOTO_SIZE = { width: 96, height: 64 } as const;

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function sandboxPhotoPng(tgChannelId: number, postId: number): Uint8Array {
  const { width, height } = SANDBOX_PHOTO_SIZE;
  const from = [0, 1, 2].map((i) => Math.floor(seeded('from', tgChannelId, postId, i) * 256));
  const to = [0, 1, 2].map((i) => Math.floor(seeded('to', tgChannelId, postId, i) * 256));
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3); // filter byte 0, then RGB
    for (let x = 0; x < width; x++) {
      const t = (x + y) / (width + height - 2);
      for (let c = 0; c < 3; c++) row[1 + x * 3 + c] = Math.round(from[c] + (to[c] - from[c]) * t);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(Buffer.concat(rows))),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}
