// The offline Image Brief: picture briefs from templates. The scene comes from the story's words
// (what happened, where), sized for the platforms the package is for; a person named in the
// story is shown only as a figure, never as a likeness.
import type { UiLanguage } from '../../settings';
import { sizesFor } from '../image-sizes';
import type { ImageSize, Platform } from '../platforms';
import type { ImageBriefDraft, ImageBriefRequest } from '../types';
import { DEFAULT_SCENE, scenesFor, type Scene } from './scenes';

export const OFFLINE_NEGATIVE =
  'text, letters, captions, watermarks, logos, brand marks, readable signs, flags with emblems, recognisable faces of real people, gore, blood, distorted anatomy';

// Each further brief looks at the scene another way, so a set of briefs is a real choice.
const SHOTS = [
  { en: 'wide establishing shot', ru: 'общий план', tag: 'wide shot' },
  { en: 'close-up of telling details', ru: 'детали крупным планом', tag: 'close-up' },
  { en: 'high aerial view', ru: 'вид сверху', tag: 'aerial view' },
  { en: 'low angle at dusk', ru: 'ракурс снизу в сумерках', tag: 'low angle' },
];

export function briefImagesOffline(request: ImageBriefRequest): ImageBriefDraft[] {
  // Joined as sentences: a headline has no stop, and "в Тбилиси" + "Как сообщают…" is no place "Тбилиси Как".
  const story = [request.headline, request.dek, ...request.keyPoints].map((t) => t.trim().replace(/[.!?…]*$/u, '.')).join(' ');
  const scenes = scenesFor(story);
  const place = placeOf(story);
  const person = mentionsPerson(story);
  const sizes = briefSizes(request.platforms, request.count);
  return sizes.map((size, i) => {
    const scene: Scene = scenes[i % Math.max(1, scenes.length)] ?? DEFAULT_SCENE;
    const shot = SHOTS[i % SHOTS.length];
    const setting = place ? `, set in ${transliterate(place)}` : '';
    const figure = person ? ', a lone figure seen from behind in the middle distance' : '';
    return {
      title: titleOf(request.language, scene, shot, i),
      prompt: `Photorealistic scene: ${scene.shows}${setting}${figure}; ${shot.en}, documentary news photography, natural colours, ${size === '1024x1024' ? 'centred square composition' : 'balanced landscape composition'}.`,
      negative: OFFLINE_NEGATIVE,
      size,
      caption: captionOf(request.language, scene, place),
      styleTags: ['photorealistic', 'documentary', 'news photo', scene.key, shot.tag],
    };
  });
}

/** One size per brief: the sizes the platforms need first (the rules table), then alternating. */
export function briefSizes(platforms: Platform[], count: number): ImageSize[] {
  const needed = sizesFor(platforms).map((s) => s.size);
  return Array.from({ length: Math.max(1, count) }, (_, i) => needed[i % needed.length]);
}

// "в Якутии", "на Ленинградском проспекте", "in Seoul": the first place the story names.
function placeOf(text: string): string | null {
  const m = /(?:^|\s)(?:в|во|на|под|in|near|at)\s((?:\p{Lu}[\p{Ll}-]+\s)?\p{Lu}[\p{Ll}-]+(?:\s(?:проспекте|области|крае|районе))?)/u.exec(text);
  return m ? m[1] : null;
}

function mentionsPerson(text: string): boolean {
  return /\p{Ll}[,\s]+\p{Lu}\p{Ll}+\s\p{Lu}\p{Ll}+/u.test(text);
}

function titleOf(language: UiLanguage, scene: Scene, shot: (typeof SHOTS)[number], i: number): string {
  return language === 'ru' ? `Вариант ${i + 1}: ${scene.ru}, ${shot.ru}` : `Option ${i + 1}: ${scene.en}, ${shot.tag}`;
}

function captionOf(language: UiLanguage, scene: Scene, place: string | null): string {
  if (language === 'ru') return `Иллюстрация: ${scene.ru}${place ? ` (${place})` : ''}. Изображение создано автоматически.`;
  return `Illustration: ${scene.en}${place ? ` (${transliterate(place)})` : ''}. The image is generated.`;
}

const LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '',
  э: 'e', ю: 'yu', я: 'ya',
};

/** Cyrillic in Latin letters, for the English prompt. */
export function transliterate(text: string): string {
  return [...text]
    .map((ch) => {
      const lower = ch.toLowerCase();
      const latin = LATIN[lower];
      if (latin === undefined) return ch;
      return ch === lower ? latin : latin.charAt(0).toUpperCase() + latin.slice(1);
    })
    .join('');
}
