// Titles read as in the source: first sentence or headline, no markup/emoji/hashtags, never cut mid-word.
import { describe, expect, it } from 'vitest';
import { titleLine } from '../../core/topics';
import { TELEGRAM_GOLD_WINDOWS, loadTelegramGold } from '../fixtures/eval/load';

describe('topic titles', () => {
  it('takes the first sentence of the headline, without emoji, markup and hashtags', () => {
    expect(titleLine('⚡️**Байден помиловал своего сына Хантера.** Ему грозило до 25 лет тюрьмы. #США')).toBe('Байден помиловал своего сына Хантера');
    expect(titleLine('❗️Срочно\nПарламент Южной Кореи проголосовал за отмену военного положения')).toBe('Срочно. Парламент Южной Кореи проголосовал за отмену военного положения');
  });

  it('never ends inside a word, on every post of the labelled Telegram windows', () => {
    for (const window of TELEGRAM_GOLD_WINDOWS) {
      for (const post of loadTelegramGold(window).posts) {
        const title = titleLine(post.text);
        expect(title.length).toBeLessThanOrEqual(141);
        if (!title.endsWith('…')) continue;
        const head = title.slice(0, -1);
        const words = post.text.replace(/\s+/g, ' ');
        // The word before "…" appears whole in the source (followed by a non-letter).
        const last = head.split(' ').pop() ?? '';
        expect(new RegExp(`${last.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u').test(words)).toBe(true);
        expect(title).not.toMatch(/[\p{Extended_Pictographic}]|#\p{L}/u);
      }
    }
  });
});
