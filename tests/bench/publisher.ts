// Publisher speed: packages for all platforms built from synthetic Russian and English stories of
// realistic length (long body ~2,500 characters, emoji and t.me links included). Prints texts fitted
// per second for the whole build (hashtags, CTA, post times included) and for fitting alone.
//   npx tsx tests/bench/publisher.ts            (BENCH_ARTICLES sets the count, 300)
import { pathToFileURL } from 'node:url';
import { PLATFORMS } from '../../core/pipeline/platforms';
import { buildPackageItems, fitText, type PackageArticle } from '../../core/pipeline/publisher';
import { loadNodeMorphology } from '../../edge/adapters/morphology/node';

const RU = `правительство министр экономика рынок ставка инфляция банк рубль нефть газ санкции переговоры
  армия граница регион выборы парламент суд полиция протест пожар наводнение вакцина больница школа
  университет технология спутник запуск энергия сделка компания акции кредит ипотека бюджет налог`.split(/\s+/).filter(Boolean);
const EN = `government minister economy market rate inflation bank dollar oil gas sanctions talks army border
  region election parliament court police protest fire flood vaccine hospital school university
  technology satellite launch energy deal company shares credit mortgage budget tax`.split(/\s+/).filter(Boolean);
const NAMES_RU = ['Москва', 'Набиуллина', 'Газпром', 'Сбербанк', 'Путин', 'ЦБ', 'Госдума', 'Китай'];
const NAMES_EN = ['London', 'Powell', 'Apple', 'Goldman Sachs', 'White House', 'NATO', 'Tesla', 'China'];
const EMOJI = ['🔥', '⚡️', '📈', '🇷🇺', '👨‍👩‍👧'];

/** A small seeded generator, so every run builds the same stories. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function article(rnd: () => number, ru: boolean): PackageArticle {
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const words = ru ? RU : EN;
  const names = ru ? NAMES_RU : NAMES_EN;
  const sentence = () => {
    const n = 8 + Math.floor(rnd() * 12);
    const parts = Array.from({ length: n }, (_, i) => (i > 0 && rnd() < 0.15 ? pick(names) : pick(words)));
    if (rnd() < 0.1) parts.push(pick(EMOJI));
    if (rnd() < 0.05) parts.push('https://t.me/source_channel/' + Math.floor(rnd() * 1e5));
    const s = parts.join(' ');
    return s.charAt(0).toUpperCase() + s.slice(1) + '.';
  };
  const paragraph = (n: number) => Array.from({ length: n }, sentence).join(' ');
  return {
    headline: sentence().slice(0, 90),
    dek: sentence(),
    body: { short: paragraph(2), medium: paragraph(6), long: `${paragraph(8)}\n\n${paragraph(8)}\n\n${paragraph(4)}` },
    keyPoints: [sentence(), sentence(), sentence()],
    sourceLinks: ['https://t.me/source_channel/' + Math.floor(rnd() * 1e5)],
  };
}

export async function runPublisherBench(): Promise<void> {
  const count = Number(process.env.BENCH_ARTICLES ?? 300);
  const rnd = random(42);
  const articles = Array.from({ length: count }, (_, i) => article(rnd, i % 3 !== 0));
  const images = { bySize: { '1536x1024': 'https://example.com/a.png', '1024x1024': 'https://example.com/b.png' } };
  const now = new Date('2026-03-09T09:00:00Z');

  // With the Russian dictionary, as the server builds packages (its load is timed apart).
  const loadStarted = performance.now();
  const morphology = await loadNodeMorphology();
  const loadMs = performance.now() - loadStarted;
  buildPackageItems({ article: articles[0], platforms: PLATFORMS, images, language: 'ru', timeZone: 'Europe/Moscow', now, morphology }); // warm up
  let started = performance.now();
  let texts = 0;
  for (const [i, a] of articles.entries()) {
    const items = buildPackageItems({ article: a, platforms: PLATFORMS, images, language: i % 3 ? 'ru' : 'en', timeZone: 'Europe/Moscow', now, morphology });
    texts += items.length * 3;
  }
  let seconds = (performance.now() - started) / 1000;
  console.log(`publisher: ${count} packages x ${PLATFORMS.length} platforms x 3 texts in ${seconds.toFixed(2)} s (the Russian dictionary ready after ${loadMs.toFixed(0)} ms; near 0 when an earlier section loaded it)`);
  console.log(`  whole build: ${(texts / seconds).toFixed(0)} texts fitted/s, ${(count / seconds).toFixed(1)} packages/s`);

  for (const platform of PLATFORMS) {
    started = performance.now();
    for (const a of articles) {
      for (const body of [a.body.short, a.body.medium, a.body.long]) {
        fitText(body, platform, { withImage: true, link: a.sourceLinks[0], cta: 'Подписывайтесь, чтобы не пропустить продолжение', hashtags: ['#экономика', '#рынок', '#ставка'] });
      }
    }
    seconds = (performance.now() - started) / 1000;
    console.log(`  fit only, ${platform}: ${((count * 3) / seconds).toFixed(0)} texts/s`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runPublisherBench();
}
