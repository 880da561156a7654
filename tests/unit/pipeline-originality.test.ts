// Anti-copy-paste figures on a real post (РИА Новости, 2024-12-03, the Yakutia asteroid): a copy is
// caught and named, a genuine rewrite of the same facts passes.
import { describe, expect, it } from 'vitest';
import { ORIGINALITY_LIMITS, copiedPassages, scoreOriginality } from '../../core/pipeline/originality';

const RIA =
  'Жители Якутии смогут наблюдать падающий астероид – как ожидается, около 19.14 мск, сообщил РИА Новости астроном Стас Короткий. По его словам, **яркость вспышки будет сопоставима с яркостью нескольких полных Лун.**\n\n' +
  'Диаметр болида около метра – есть вероятность, что небольшие осколки достигнут поверхности земли. Астероид открыли утром в одной из обсерваторий в США. Короткий отметил, что это уникальное явление – всего 11-й раз в истории, когда падение астероида предсказывают заранее. \n\n' +
  'По последним данным, астероид войдет в верхние слои атмосферы в точке, которая на 110 км северо-западнее Олёкминска. Хорошо увидеть событие получится в радиусе 500 км от падения, а на расстоянии от 700 до 1000 км можно будет увидеть вспышку.';
const OTHER = 'Ученые из этого вуза отследят траекторию астероида небольшого размера, который войдет в атмосферу Земли 19:17 мск.';

const REWRITE =
  'Астроном Стас Короткий рассказал РИА Новости, что падение небольшого астероида над Якутией можно будет увидеть примерно в 19:14 по Москве. ' +
  'Вспышка, по его оценке, окажется ярче нескольких полнолуний. Размер тела — порядка метра, поэтому мелкие фрагменты могут долететь до земли. ' +
  'Объект заметили утром американские астрономы; заранее предсказать падение удавалось лишь десять раз до этого. ' +
  'Вход в атмосферу ожидают примерно в 110 км к северо-западу от Олекминска: отчетливо событие будет видно на 500 км вокруг, а саму вспышку — даже за 700–1000 км.';

describe('scoreOriginality', () => {
  it('flags a verbatim copy', () => {
    const copy = `Вот что известно. ${RIA.replace(/\*\*/g, '')}`;
    const score = scoreOriginality(copy, [OTHER, RIA]);
    expect(score.longestSharedRun).toBeGreaterThan(ORIGINALITY_LIMITS.maxSharedRun);
    expect(score.sharedNgramShare).toBeGreaterThan(ORIGINALITY_LIMITS.maxSharedNgramShare);
    expect(score.rougeL).toBeGreaterThan(0.9);
    expect(score.tooClose).toBe(true);
  });

  it('passes a genuine rewrite of the same facts', () => {
    const score = scoreOriginality(REWRITE, [OTHER, RIA]);
    expect(score.longestSharedRun).toBeLessThanOrEqual(ORIGINALITY_LIMITS.maxSharedRun);
    expect(score.sharedNgramShare).toBeLessThanOrEqual(ORIGINALITY_LIMITS.maxSharedNgramShare);
    expect(score.tooClose).toBe(false);
    expect(copiedPassages(REWRITE, [OTHER, RIA])).toEqual([]);
  });

  it('treats ё and е, case and markup as the same word', () => {
    const score = scoreOriginality('ПО ПОСЛЕДНИМ ДАННЫМ, АСТЕРОИД ВОЙДЕТ В ВЕРХНИЕ СЛОИ АТМОСФЕРЫ', [RIA]);
    expect(score.longestSharedRun).toBe(9);
  });

  it('is zero against no sources and for an empty body', () => {
    expect(scoreOriginality(REWRITE, [])).toMatchObject({ longestSharedRun: 0, sharedNgramShare: 0, rougeL: 0, tooClose: false });
    expect(scoreOriginality('', [RIA]).tooClose).toBe(false);
  });
});

describe('copiedPassages', () => {
  it('names the copied passage as it reads in the body, merged and once', () => {
    const lifted = 'Диаметр болида около метра – есть вероятность, что небольшие осколки достигнут поверхности земли';
    const body = `${REWRITE} Кроме того, ${lifted}. И снова: ${lifted}.`;
    expect(copiedPassages(body, [OTHER, RIA])).toEqual([lifted]);
  });

  it('keeps separate passages apart', () => {
    const a = 'Хорошо увидеть событие получится в радиусе 500 км от падения';
    const b = 'Астероид открыли утром в одной из обсерваторий в США';
    const passages = copiedPassages(`${a}. Это наш текст без повторов из поста. ${b}.`, [RIA]);
    expect(passages).toEqual([a, b]);
  });

  it('is fast enough for three bodies against twenty posts', () => {
    const sources = Array.from({ length: 20 }, (_, i) => `${RIA} ${i}`);
    const body = `${REWRITE} ${REWRITE} ${REWRITE} ${REWRITE}`;
    const t0 = performance.now();
    for (let i = 0; i < 3; i++) scoreOriginality(body, sources), copiedPassages(body, sources);
    expect(performance.now() - t0).toBeLessThan(250);
  });
});
