// The offline Image Brief, the brief rules shared with the OpenAI adapter, the brief hash that
// keys generated images, and the offline moderation check for image prompts.
import { describe, expect, it } from 'vitest';
import { briefHash, checkImageBriefs } from '../../core/pipeline/brief/check';
import { briefImagesOffline, briefSizes, transliterate } from '../../core/pipeline/brief/offline';
import { moderateOffline } from '../../core/pipeline/moderation/offline';
import { IMAGE_SIZES } from '../../core/pipeline/platforms';
import type { ImageBriefDraft, ImageBriefRequest } from '../../core/pipeline/types';

// The Editor's answer for the Yakutia asteroid (2024-12-03), as the brief step receives it.
const asteroid: ImageBriefRequest = {
  language: 'ru',
  headline: 'На Россию упадёт небольшой астероид: вход в атмосферу ожидают в 19:17 по Москве',
  dek: 'Падение ожидается в Якутии, между Олёкминском и Ленском; угрозы для людей нет.',
  keyPoints: [
    'Астероид размером около метра войдёт в атмосферу над Якутией (РИА Новости).',
    'Жители Олёкминска делятся кадрами яркой вспышки в небе (SHOT).',
    'Профессор УрФУ Виктор Гроховский рассказал о траектории тела (Раньше всех. Ну почти).',
  ],
  platforms: ['telegram', 'instagram'],
  count: 2,
  sourceChannels: ['РИА Новости', 'SHOT'],
};

describe('briefImagesOffline', () => {
  const briefs = briefImagesOffline(asteroid);

  it('stages a concrete scene from the story, not the headline', () => {
    expect(briefs).toHaveLength(2);
    for (const b of briefs) {
      expect(b.prompt).toMatch(/^Photorealistic scene: /);
      expect(b.prompt).toMatch(/fireball/);
      expect(b.prompt).toMatch(/Yakutii|Yakutiya/);
      expect(b.prompt).not.toContain(asteroid.headline);
      expect(b.prompt).not.toMatch(/Гроховск|Grokhovsk/);
      expect(b.styleTags).toContain('photorealistic');
    }
    expect(briefs[0].prompt).not.toEqual(briefs[1].prompt);
  });

  it('shows a protest as a protest, with the place the story names', () => {
    const protest: ImageBriefRequest = {
      ...asteroid,
      headline: 'МВД Грузии рассказало о задержании 107 человек во время акции протеста у здания парламента в Тбилиси',
      dek: 'Как сообщают медиа, у парламента случились столкновения между протестующими и полицией.',
      keyPoints: ['Участники акции протеста начали возводить баррикады', 'Спецназ разгоняет митинг оппозиции'],
    };
    const [first, ...rest] = briefImagesOffline({ ...protest, count: 2 });
    expect(first.styleTags).toContain('protest');
    expect(first.caption).toBe('Иллюстрация: толпа протестующих и оцепление на ночном проспекте (Тбилиси). Изображение создано автоматически.');
    // "акции протеста" is no share price.
    for (const b of [first, ...rest]) expect(b.styleTags).not.toContain('markets');
  });

  it('sizes the set for the platforms: square for Instagram, landscape for Telegram', () => {
    expect(briefs.map((b) => b.size)).toEqual(['1536x1024', '1024x1024']);
    expect(briefSizes(['threads'], 1)).toEqual(['1024x1024']);
    expect(briefSizes(['x', 'linkedin'], 3)).toEqual(['1536x1024', '1536x1024', '1536x1024']);
    expect(briefSizes([], 1)).toEqual(['1536x1024']);
  });

  it('rules out text, watermarks and logos and captions in the request language', () => {
    for (const b of briefs) {
      expect(b.negative).toMatch(/text/);
      expect(b.negative).toMatch(/watermarks/);
      expect(b.negative).toMatch(/logos/);
      expect(b.caption).toMatch(/Иллюстрация/);
    }
    const english = briefImagesOffline({ ...asteroid, language: 'en', count: 1 });
    expect(english[0].caption).toMatch(/^Illustration: /);
    expect(english[0].title).toMatch(/^Option 1/);
  });

  it('passes the brief rules and the moderation check, and is deterministic', () => {
    expect(checkImageBriefs(briefs, asteroid).problems).toEqual([]);
    for (const b of briefs) expect(moderateOffline(`${b.prompt}\n${b.caption}`).flagged).toBe(false);
    expect(briefImagesOffline(asteroid)).toEqual(briefs);
  });

  it('falls back to a neutral scene when the story names nothing it can stage', () => {
    const [b] = briefImagesOffline({ ...asteroid, headline: 'Итоги дня', dek: 'Коротко о разном.', keyPoints: [], count: 1, platforms: ['vk'] });
    expect(b.prompt).toMatch(/city skyline/);
    expect(checkImageBriefs([b], { ...asteroid, count: 1 }).problems).toEqual([]);
  });

  it('transliterates places for the English prompt', () => {
    expect(transliterate('Южной Корее')).toBe('Yuzhnoy Koree');
  });
});

describe('checkImageBriefs', () => {
  const base: ImageBriefDraft = {
    title: 'Вариант 1',
    prompt: 'Photorealistic scene: a frozen city pond with thin cracked ice at dawn, documentary photography.',
    negative: 'blur',
    size: '1536x1024',
    caption: 'Замёрзший пруд',
    styleTags: ['photorealistic'],
  };

  it('adds the negatives a brief must carry', () => {
    const { briefs, problems } = checkImageBriefs([base], { ...asteroid, count: 1 });
    expect(problems).toEqual([]);
    expect(briefs[0].negative).toBe('blur, text, letters, watermarks, logos');
    expect(checkImageBriefs([{ ...base, negative: 'no text, letters, watermark, logo' }], asteroid).briefs[0].negative).toBe('no text, letters, watermark, logo');
    // Said in Russian, they count too: nothing is added twice.
    const russian = 'без текста, букв, водяных знаков и логотипов';
    expect(checkImageBriefs([{ ...base, negative: russian }], asteroid).briefs[0].negative).toBe(russian);
    // A word that only contains one ("context") does not.
    expect(checkImageBriefs([{ ...base, negative: 'context' }], asteroid).briefs[0].negative).toBe('context, text, letters, watermarks, logos');
  });

  it('names a wrong size, a missing scene and a prompt that only repeats the headline', () => {
    const bad = [
      { ...base, size: '800x600' as ImageBriefDraft['size'] },
      { ...base, prompt: asteroid.headline },
      { ...base, prompt: ' ', caption: '' },
    ];
    const { problems } = checkImageBriefs(bad, { ...asteroid, count: 3 });
    expect(problems).toEqual([
      `briefs[0].size is "800x600"; use one of ${IMAGE_SIZES.join(', ')}.`,
      'briefs[1].prompt only repeats the headline or is under 6 words: describe a concrete scene instead.',
      'briefs[2].prompt is empty: describe a concrete scene (people, place, objects, light).',
      'briefs[2].caption is empty: write one line for readers.',
    ]);
  });

  it('keeps at most the requested count and refuses none', () => {
    expect(checkImageBriefs([base, base, base], { ...asteroid, count: 2 }).briefs).toHaveLength(2);
    expect(checkImageBriefs([], asteroid).problems).toEqual(['briefs is empty: write between 1 and 2 briefs.']);
  });
});

describe('briefHash', () => {
  const brief: ImageBriefDraft = briefImagesOffline({ ...asteroid, count: 1 })[0];

  it('is 16 hex digits, stable, and pinned', () => {
    const hash = briefHash(brief);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(briefHash({ ...brief })).toBe(hash);
    expect(briefHash({ prompt: 'a', negative: 'b', size: '1024x1024', styleTags: ['x'] })).toBe('ac8a8ce9e457a644'); // checked against an independent FNV-1a 64 implementation
  });

  it('depends on what decides the picture only', () => {
    const hash = briefHash(brief);
    const relabelled: ImageBriefDraft = { ...brief, title: 'other', caption: 'other' };
    expect(briefHash(relabelled)).toBe(hash);
    expect(briefHash({ ...brief, styleTags: [...brief.styleTags].reverse() })).toBe(hash);
    expect(briefHash({ ...brief, prompt: `${brief.prompt} ` })).toBe(hash);
    expect(briefHash({ ...brief, prompt: brief.prompt.replace('night', 'day') })).not.toBe(hash);
    expect(briefHash({ ...brief, size: '1024x1024' })).not.toBe(hash);
    expect(briefHash({ ...brief, negative: 'text' })).not.toBe(hash);
  });
});

describe('moderateOffline', () => {
  it('lets news words through', () => {
    for (const text of [
      'Ракетный удар по городу: атака дронов, погибли 5 человек, десятки раненых.',
      'Военные оцепили парламент, протестующие пытаются прорваться внутрь.',
      'Missile attack kills five; troops fire on protesters near the assembly.',
      'Photorealistic scene: a bright fireball over a taiga town, visible to the naked eye.',
      'Полевая клиника, врачи лечат кишечную инфекцию у детей.',
    ]) {
      expect(moderateOffline(text), text).toEqual({ flagged: false, categories: [] });
    }
  });

  it('flags explicit content by category', () => {
    expect(moderateOffline('A severed head in a pool of blood, gory detail').categories).toEqual(['violence/graphic']);
    expect(moderateOffline('Обнаженная модель, эротическая съемка').categories).toEqual(['sexual']);
    expect(moderateOffline('Инструкция: как вскрыть вены').categories).toEqual(['self-harm']);
    expect(moderateOffline('A banner with a swastika over the crowd').categories).toEqual(['hate']);
    expect(moderateOffline('Подробно: как изготовить бомбу дома').categories).toEqual(['illicit']);
    expect(moderateOffline('Как изготовить праздничный торт').flagged).toBe(false);
    expect(moderateOffline('nude child').categories).toEqual(['sexual', 'sexual/minors']);
  });
});
