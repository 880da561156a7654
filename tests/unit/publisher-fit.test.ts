import { describe, expect, it } from 'vitest';
import { PLATFORM_RULES, fitText, tidyText, xWeightedLength } from '../../core/pipeline/publisher';

const sentence = (i: number) => `Это предложение номер ${i} о важной новости дня.`;
const sentences = (n: number) => Array.from({ length: n }, (_, i) => sentence(i + 1)).join(' ');
const tags = (n: number) => Array.from({ length: n }, (_, i) => `#тег${String.fromCharCode(0x430 + i)}слово`);

/** The cut body is the original up to a whitespace (modulo trailing punctuation before '…'). */
function cutAtWordBoundary(original: string, body: string): boolean {
  const core = body.replace(/ ?…$/u, '');
  if (!original.startsWith(core)) return false;
  return /^[\p{P}]*(\s|$)/u.test(original.slice(core.length));
}

describe('fitText', () => {
  it('leaves a text that fits alone and appends link, CTA and hashtags as blocks', () => {
    const out = fitText('Короткая новость.', 'telegram', { withImage: true, link: 'Источник: https://t.me/a/1', cta: 'Подписывайтесь', hashtags: ['#один', '#два'] });
    expect(out.text).toBe('Короткая новость.\n\nИсточник: https://t.me/a/1\n\nПодписывайтесь\n\n#один #два');
    expect(out).toMatchObject({ cut: 'none', used: out.text.length, limit: 1024 });
  });

  it('cuts at a sentence end when one is close enough, without an ellipsis', () => {
    const body = sentences(40);
    const out = fitText(body, 'threads', { withImage: true });
    expect(out.cut).toBe('sentence');
    expect(out.used).toBeLessThanOrEqual(500);
    expect(out.text).toMatch(/дня\.$/u);
    expect(body.startsWith(out.text)).toBe(true);
    expect(out.used).toBeGreaterThan(400); // it did not give away most of the room
  });

  it('falls back to a word end plus an ellipsis when the sentence is too long, never mid-word', () => {
    const body = 'Начало. ' + 'длинноеслово, '.repeat(80);
    const out = fitText(body, 'x', { withImage: false });
    expect(out.cut).toBe('word');
    expect(out.text.endsWith('длинноеслово…')).toBe(true); // the comma before the ellipsis went
    expect(cutAtWordBoundary(tidyText(body), out.body)).toBe(true);
    expect(out.used).toBeLessThanOrEqual(280);
  });

  it('never splits an emoji: cuts fall between whole ZWJ sequences', () => {
    const family = '👨‍👩‍👧';
    const body = `${family} `.repeat(200);
    const out = fitText(body, 'telegram', { withImage: true });
    expect(out.used).toBeLessThanOrEqual(1024);
    for (const word of out.body.replace(/…$/u, '').split(' ')) expect(word).toBe(family);
  });

  it('drops hashtags from the end before touching the body', () => {
    const body = 'а'.repeat(820);
    const link = 'Источник: https://t.me/channel/1';
    const cta = 'Подписывайтесь, чтобы не пропустить продолжение';
    const all = tags(12);
    const out = fitText(body, 'telegram', { withImage: true, link, cta, hashtags: all });
    expect(out.cut).toBe('none');
    expect(out.body).toBe(body);
    expect(out.hashtags.length).toBeLessThan(12);
    expect(out.hashtags.length).toBeGreaterThanOrEqual(PLATFORM_RULES.telegram.hashtags.min);
    expect(out.hashtags).toEqual(all.slice(0, out.hashtags.length));
    expect(out.used).toBeLessThanOrEqual(1024);
  });

  it('keeps the platform’s minimum of tags and cuts the body when the body is too long anyway', () => {
    const out = fitText(sentences(60), 'telegram', { withImage: true, cta: 'Подписывайтесь', hashtags: tags(12) });
    expect(out.hashtags).toEqual(tags(12).slice(0, PLATFORM_RULES.telegram.hashtags.min));
    expect(out.cut).toBe('sentence');
    expect(out.used).toBeLessThanOrEqual(1024);
  });

  it('lets the tail give way when it would crowd out the story', () => {
    const out = fitText(sentences(20), 'x', { withImage: false, cta: 'Следите за новостями', hashtags: ['#оченьдлинныйхэштегпервый', '#оченьдлинныйхэштегвторой'], link: 'https://t.me/c/1' });
    expect(out.hashtags).toEqual([]);
    expect(out.link).toBe('https://t.me/c/1');
    expect(out.cta).toBe('Следите за новостями');
    expect(out.used).toBeLessThanOrEqual(280);
  });

  it('counts an X link as 23 whatever its length', () => {
    const body = 'б'.repeat(240);
    const link = 'https://example.com/' + 'x'.repeat(100);
    const out = fitText(body, 'x', { withImage: true, link });
    expect(out.cut).toBe('none');
    expect(out.text.length).toBeGreaterThan(280);
    expect(out.used).toBe(240 + 2 + 23);
    expect(out.used).toBe(xWeightedLength(out.text));
  });

  it('does not glue the ellipsis to a URL', () => {
    const body = 'Смотрите https://t.me/channel/12345 ' + 'ещё '.repeat(100);
    const out = fitText(body, 'x', { withImage: false, limit: 36 }); // 'ещё…' would make 38
    expect(out.text).toBe('Смотрите https://t.me/channel/12345 …');
  });

  it('leaves out a body that cannot be cut anywhere, and posts the tail alone', () => {
    const out = fitText('ж'.repeat(5000), 'x', { withImage: false, cta: 'Следите за новостями', link: 'https://t.me/c/1' });
    expect(out).toMatchObject({ cut: 'dropped', body: '', text: 'https://t.me/c/1\n\nСледите за новостями' });
  });

  it('does not end a sentence at an initial ("А. Пушкин")', () => {
    const body = 'Поэт А. Пушкин родился в Москве и прожил долгую жизнь в разных городах страны, ' + 'много '.repeat(30);
    const out = fitText(body, 'x', { withImage: false, limit: 60 });
    expect(out.cut).toBe('word');
    expect(out.text).not.toBe('Поэт А.');
  });
});
