// The QR PNG writer: a valid PNG (signature, CRCs, zlib data) whose pixels are the QR matrix.
import { crc32, inflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrPngBytes } from '../../edge/qr-png';

function readChunks(png: Buffer) {
  const chunks: { type: string; data: Buffer; crcOk: boolean }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    const crcOk = png.readUInt32BE(at + 8 + length) === crc32(png.subarray(at + 4, at + 8 + length));
    chunks.push({ type, data, crcOk });
    at += 12 + length;
  }
  return chunks;
}

describe('QR PNG', () => {
  it('writes a valid grayscale PNG whose dark pixels are exactly the QR modules', async () => {
    const text = 'tg://login?token=AQID-test_token';
    const png = Buffer.from(await qrPngBytes(text, 200));
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const chunks = readChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    const width = chunks[0].data.readUInt32BE(0);
    expect(chunks[0].data.readUInt32BE(4)).toBe(width);
    expect([...chunks[0].data.subarray(8)]).toEqual([8, 0, 0, 0, 0]);

    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const scale = width / (modules.size + 4);
    expect(Number.isInteger(scale)).toBe(true);
    const raw = inflateSync(chunks[1].data);
    expect(raw.length).toBe((width + 1) * width);
    let mismatches = 0;
    for (let my = -2; my < modules.size + 2; my++) {
      for (let mx = -2; mx < modules.size + 2; mx++) {
        const dark = my >= 0 && mx >= 0 && my < modules.size && mx < modules.size && modules.get(my, mx) === 1;
        const y = (my + 2) * scale + Math.floor(scale / 2);
        const x = (mx + 2) * scale + Math.floor(scale / 2);
        if ((raw[y * (width + 1) + 1 + x] === 0) !== dark) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
  });
});
