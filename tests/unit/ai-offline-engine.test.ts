// The offline AI engine: the rule-based steps and the card behind the AI port, every call recorded
// as engine `offline` with zero tokens and priced at zero; the card's assets read only for images.
import { beforeAll, describe, expect, it } from 'vitest';
import { checkEditorDraft } from '../../core/pipeline/editor/check';
import { priceOfCall } from '../../core/pipeline/prices';
import type { AiCall, EditorRequest, SourcePost } from '../../core/pipeline/types';
import type { CardAssets } from '../../edge/adapters/ai/card';
import { loadNodeCardAssets } from '../../edge/adapters/ai/card-assets-node';
import { createOfflineEngine, OFFLINE_MODELS } from '../../edge/adapters/ai/offline';

const post = (id: number, channelTitle: string, text: string): SourcePost => ({
  id,
  url: `https://t.me/${channelTitle.toLowerCase().replace(/\W+/g, '')}/${id}`,
  channelTitle,
  channelUsername: null,
  date: `2026-11-30T0${id}:15:00Z`,
  text,
  lang: 'ru',
  views: 1000 * id,
  photoUrl: null,
});

const POSTS = [
  post(1, 'Городские новости', 'В Казани открыли новый мост через реку Казанку. Движение по нему запустили в субботу утром, а первыми по мосту проехали автобусы городских маршрутов.'),
  post(2, 'Новости Поволжья', 'Мост через Казанку открыт: строительство заняло три года и обошлось бюджету в двенадцать миллиардов рублей. По мосту пойдут шесть автобусных маршрутов.'),
  post(3, 'Транспорт сегодня', 'Власти Казани сообщили, что новый мост разгрузит центр города. По оценке мэрии, пробки на набережной сократятся почти вдвое уже к зиме.'),
];
const EDITOR_REQUEST: EditorRequest = { language: 'ru', tone: 'neutral', posts: POSTS };

function expectOfflineCall(call: AiCall, purpose: AiCall['purpose'], model: string) {
  expect(call).toMatchObject({ purpose, engine: 'offline', model, inputTokens: 0, outputTokens: 0, cachedTokens: 0 });
  expect(priceOfCall(call, new Date('2026-12-01T00:00:00Z')).usd).toBe(0);
}

describe('offline AI engine', () => {
  let assets: CardAssets;
  let loads = 0;
  const engine = createOfflineEngine({
    loadAssets: async () => {
      loads += 1;
      return assets;
    },
  });

  beforeAll(async () => {
    assets = await loadNodeCardAssets();
  });

  it('is the offline engine', () => {
    expect(engine.engine).toBe('offline');
  });

  it('writes an article that passes the draft check, recorded as one free extractive call', async () => {
    const answer = await engine.writeArticle(EDITOR_REQUEST);
    expect(checkEditorDraft(answer.value, POSTS).problems).toEqual([]);
    expect(answer.value.headline).toMatch(/мост/i);
    expect(answer.calls).toHaveLength(1);
    expectOfflineCall(answer.calls[0], 'editor', OFFLINE_MODELS.text);
    expect(answer.calls[0].images).toBe(0);
  });

  it('briefs as many images as asked, recorded as one free call', async () => {
    const answer = await engine.briefImages({
      language: 'ru',
      headline: 'В Казани открыли мост через Казанку',
      dek: 'Стройка заняла три года',
      keyPoints: ['Движение запустили в субботу', 'Пойдут шесть автобусных маршрутов', 'Пробки на набережной сократятся'],
      platforms: ['telegram', 'instagram'],
      count: 2,
      sourceChannels: ['Городские новости', 'Новости Поволжья'],
    });
    expect(answer.value).toHaveLength(2);
    expectOfflineCall(answer.calls[0], 'brief', OFFLINE_MODELS.text);
  });

  it('moderates, recorded as one free call', async () => {
    const calm = await engine.moderate('Новый мост через Казанку открыли для автобусов');
    expect(calm.value).toEqual({ flagged: false, categories: [] });
    expectOfflineCall(calm.calls[0], 'moderation', OFFLINE_MODELS.moderation);
    expect(loads).toBe(0);
  });

  it('draws the card as the image: a PNG of the brief size, one image recorded with its size, at no cost', async () => {
    const answer = await engine.generateImage({
      prompt: 'A new bridge over a river at dawn, wide shot',
      negative: 'text, letters, watermarks, logos',
      size: '1536x1024',
      card: { headline: 'В Казани открыли мост через Казанку', caption: 'Стройка заняла три года', channels: ['Городские новости', 'Новости Поволжья'], language: 'ru', photo: null },
    });
    const png = answer.value.png;
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([1536, 1024]);
    expect(answer.calls).toHaveLength(1);
    expectOfflineCall(answer.calls[0], 'image', OFFLINE_MODELS.image);
    expect(answer.calls[0]).toMatchObject({ images: 1, imageSize: '1536x1024' });
    expect(loads).toBe(1);
  });

  it('takes the assets directly too', async () => {
    const direct = createOfflineEngine({ assets });
    const answer = await direct.generateImage({
      prompt: 'p',
      negative: 'n',
      size: '1024x1024',
      card: { headline: 'Bridge opens in Kazan', caption: '', channels: [], language: 'en', photo: null },
    });
    expect(answer.value.png.length).toBeGreaterThan(1000);
  });
});
