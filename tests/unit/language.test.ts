// Language of short posts: the floor on the hand-labelled real posts, and the branches the real
// data can't reach (it holds Russian channels only), pinned by hand-written cases.
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../core/text/language';
import { languageAccuracy, labelledPosts } from '../bench/language';

describe('detectLanguage on real short posts labelled by hand', () => {
  it('has at least 200 labelled posts and gets at least 98% right', () => {
    const posts = labelledPosts();
    expect(posts.length).toBeGreaterThanOrEqual(200);
    const { accuracy, wrong } = languageAccuracy(posts);
    expect(accuracy, wrong.map((w) => `${w.lang} → ${w.got}: ${w.text.slice(0, 80)}`).join('\n')).toBeGreaterThanOrEqual(0.98);
  });
});

describe('detectLanguage', () => {
  it.each([
    // Russian whatever surrounds it: transliterated URLs, invites, mentions, Latin names.
    ['Ученые пронаблюдали обработку запахов в мозге\n\nhttps://naked-science.ru/article/biology/olfactive-info-in-brain', 'ru'],
    ['Парни, оправдывайтесь.\n\n[👉 ](https://t.me/+mXumAD42hYpkOWUy)[Топор +18. Подписаться](https://t.me/+FbzcRreHknc1ZWM6)', 'ru'],
    ['В США просрочка по кредитам на коммерческую недвижимость достигла уровня кризиса 2008-2010 годов. @banksta', 'ru'],
    ['Типы сервисов Kubernetes: ClusterIP, NodePort, LoadBalancer и ExternalName', 'ru'],
    ['Сегодня вceмиpный Дeнь шoпингa', 'ru'],
    ['Украинские СМИ сообщают о взрывах в Києві', 'ru'],
    ['ок, понял', 'ru'],
    // Other Cyrillic languages.
    ['Південна Корея оголосила воєнний стан через загрозу з боку КНДР', 'other'],
    ['Зеленський заявив про нові санкції', 'other'],
    ['Лукашэнка сустрэўся з кіраўніком урада і міністрамі', 'other'],
    ['Президентът каза, че правителството ще подаде оставка днес', 'other'],
    ['Влада Србије је усвојила нови закон о раду', 'other'],
    ['Қазақстан үкіметі жаңа заң қабылдады', 'other'],
    // Latin.
    ['Fed official says weak data caused by weather, should not slow taper', 'en'],
    ['Trump wins Pennsylvania', 'en'],
    ['Der Präsident hat heute in Berlin eine Rede über die Wirtschaftslage des Landes gehalten', 'other'],
    // No words.
    ['🔥🔥', 'other'],
    ['https://t.me/+mXumAD42hYpkOWUy', 'other'],
  ] as const)('%s → %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });
});
