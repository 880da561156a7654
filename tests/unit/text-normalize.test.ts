import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../core/text/language';
import { normalizeText, stripMarkup } from '../../core/text/markup';
import { contentStems } from '../../core/text/tokenize';

describe('stripMarkup', () => {
  it('keeps anchor text, drops URLs, emphasis and emoji', () => {
    const text = '⚡️**Президент** объявил [военное положение](https://t.me/x/1) https://ria.ru/a 🔥';
    expect(stripMarkup(text)).toBe('Президент объявил военное положение');
  });

  it('drops anchors that are themselves URLs', () => {
    expect(stripMarkup('Читать: [https://bbc.in/4g](https://bbc.in/4g) __тут__')).toBe('Читать: тут');
  });
});

describe('normalizeText', () => {
  it('lower-cases, folds ё, unpacks hashtags and removes mentions', () => {
    expect(normalizeText('Ёлка #Новый_Год @banksta')).toBe('елка новый год');
  });
});

describe('contentStems', () => {
  it('stems Russian and English words by their own script and skips stopwords', () => {
    expect(contentStems('Военного положения в Южной Корее')).toEqual(['воен', 'положен', 'южн', 'кор']);
    expect(contentStems('The parliament voted against martial law')).toEqual(['parliament', 'vote', 'martial', 'law']);
  });

  it('keeps years and big figures but not small counts', () => {
    expect(contentStems('В 2024 году 5 машин')).toEqual(['2024', 'машин']);
  });
});

describe('detectLanguage', () => {
  it.each([
    ['Президент Южной Кореи объявил о введении военного положения', 'ru'],
    ['ок, понял', 'ru'],
    ['Fed official says weak data caused by weather, should not slow taper', 'en'],
    ['Південна Корея оголосила воєнний стан через загрозу з боку КНДР', 'other'],
    ['Der Präsident hat heute in Berlin eine Rede über die Wirtschaftslage des Landes gehalten', 'other'],
    ['🔥🔥', 'other'],
  ] as const)('%s → %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });
});
