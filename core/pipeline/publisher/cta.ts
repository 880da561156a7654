// A call to action per platform and language, in the platform's register: Telegram and VK ask to
// follow, X is short, Instagram asks to save, Threads asks for replies, LinkedIn speaks to
// professionals. A few wordings each, chosen by a hash of a seed (the headline), so a package
// always gets the same one and neighbouring packages do not all read alike.
import type { UiLanguage } from '../../settings';
import type { Platform } from '../platforms';

const CTAS: Record<Platform, Record<UiLanguage, readonly string[]>> = {
  telegram: {
    ru: [
      'Подписывайтесь, чтобы не пропустить продолжение',
      'Подпишитесь на канал: расскажем, чем всё закончится',
      'Следите за развитием событий в нашем канале',
    ],
    en: [
      "Subscribe so you don't miss what happens next",
      "Follow the channel: we'll tell you how it ends",
      'Stay with us for updates as the story develops',
    ],
  },
  vk: {
    ru: [
      'Подписывайтесь на сообщество, чтобы следить за развитием событий',
      'Поделитесь записью с теми, кому это важно',
      'Что думаете? Напишите в комментариях',
    ],
    en: [
      'Follow the community to keep up with the story',
      'Share this with someone who should know',
      'What do you think? Tell us in the comments',
    ],
  },
  x: {
    ru: ['Следите за новостями', 'Подписывайтесь, чтобы быть в курсе', 'Ваше мнение? Ответьте'],
    en: ['Follow for updates', 'Follow us to stay in the loop', 'Thoughts? Reply below'],
  },
  instagram: {
    ru: [
      'Сохраните пост, чтобы не потерять',
      'Подписывайтесь, чтобы быть в курсе главного',
      'Что думаете? Пишите в комментариях',
    ],
    en: ['Save this post for later', 'Follow for the stories that matter', 'What do you think? Tell us in the comments'],
  },
  threads: {
    ru: ['А вы что думаете?', 'Подписывайтесь, чтобы следить за историей', 'Поделитесь мнением в ответах'],
    en: ["What's your take?", 'Follow to keep up with the story', 'Share your view in the replies'],
  },
  linkedin: {
    ru: [
      'Как это скажется на вашей отрасли? Поделитесь мнением в комментариях',
      'Подписывайтесь, чтобы следить за тем, как меняется рынок',
      'Если это важно для ваших коллег, поделитесь публикацией',
    ],
    en: [
      'How will this affect your industry? Share your view in the comments',
      'Follow for more on what this means for business',
      'If this matters to your colleagues, share it with them',
    ],
  },
};

/** The platform's CTA in `language`; the same seed always gives the same wording. */
export function pickCta(platform: Platform, language: UiLanguage, seed: string): string {
  const options = CTAS[platform][language];
  return options[fnv1a(seed) % options.length];
}

/** All wordings of a platform (for tests and previews). */
export function ctaWordings(platform: Platform, language: UiLanguage): readonly string[] {
  return CTAS[platform][language];
}

// FNV-1a over UTF-16 units: tiny, stable across runtimes, good enough to spread a few choices.
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
