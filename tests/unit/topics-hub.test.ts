// A story's hub: once many channels carry one story, a post that names what the story is about (a
// name that about two thirds of the window's posts with it are in) joins it with fewer words in
// common: the currency's fall after a coup, the embassy's advice. A name that many stories share
// claims nothing. On a warm index, as in production (see topics-merge.test.ts).
import { describe, expect, it } from 'vitest';
import { TopicIndex, type TopicIndexOptions } from '../../core/topics';
import { loadTelegramDay } from '../fixtures/eval/load';

const H = 3_600_000;
const T0 = Date.parse('2024-12-04T06:00:00Z'); // hours after the real day
const day = loadTelegramDay();
const post = (id: string, channelId: string, hours: number, text: string) => ({ id, channelId, date: T0 + hours * H, text });

const COUP = [
  'Военные объявили о захвате власти в Боливии, президент задержан',
  'Попытка военного переворота в Боливии: президент задержан военными',
  'В Боливии военные захватили власть и задержали президента, сообщают местные СМИ',
  'Переворот в Боливии: армия задержала президента и объявила о захвате власти',
  'Президент задержан, военные заявили о захвате власти в Боливии',
  'Военный переворот в Боливии, президент страны задержан армией',
  'Армия захватила власть в Боливии, президента задержали',
];
// Other stories that name the same country, earlier in the window.
const ELSEWHERE = [
  'Сборная Боливии по футболу обыграла Парагвай в отборочном матче чемпионата мира со счётом 2:1, решающий гол забил полузащитник на последних минутах встречи',
  'Россия и Боливия подписали соглашение о добыче лития на солончаке Уюни: госкорпорация построит завод по производству карбоната лития мощностью 25 тысяч тонн',
  'В Боливии открыли крупнейшую в Южной Америке солнечную электростанцию, она обеспечит энергией около двухсот тысяч домохозяйств в горных районах страны',
  'Туристический поток из России в Боливию вырос вдвое за год, сообщили туроператоры: самые популярные направления — озеро Титикака и высокогорные города',
  'Лесные пожары в Боливии уничтожили более миллиона гектаров тропического леса, экологи говорят о худшем сезоне за последние десять лет',
  'Боливия получит партию российских автобусов на газовом топливе до конца года, первые машины уже прошли испытания на высокогорных дорогах Ла-Паса',
  'Учёные нашли в Боливии следы динозавров возрастом 80 миллионов лет, отпечатки сохранились на склоне известнякового карьера',
  'Карнавал в боливийском Оруро собрал рекордное число зрителей, сообщили власти Боливии, а танцоры в масках дьяволов прошли по городу двенадцать часов подряд',
];
const AFTERMATH = [
  'Курс национальной валюты рухнул на 12% за несколько часов, биржа приостановила торги до конца недели, а крупнейшие банки в Боливии ограничили выдачу наличных, сообщают аналитики и участники рынка',
  'Посольство России рекомендовало российским туристам, находящимся в Боливии, не покидать отели и следить за сообщениями местных властей, рейсы авиакомпаний пока выполняются по расписанию',
];

function afterCoup(options: Partial<TopicIndexOptions> = {}, elsewhere: readonly string[] = []): TopicIndex {
  const index = new TopicIndex(options);
  for (const p of day) index.add(p);
  elsewhere.forEach((text, i) => index.add(post(`other${i}`, `news${i}`, -10 + i, text)));
  COUP.forEach((text, i) => index.add(post(`coup${i}`, `channel${i % 5}`, i * 0.2, text)));
  return index;
}

describe('story hubs', { timeout: 30_000 }, () => {
  it('a post naming what a many-channel story is about joins it', () => {
    const index = afterCoup();
    const coup = index.topicOf('coup0');
    expect(new Set(COUP.map((_, i) => index.topicOf(`coup${i}`)))).toEqual(new Set([coup]));
    AFTERMATH.forEach((text, i) => expect(index.add(post(`after${i}`, 'banksta', 2 + i, text)).topicId).toBe(coup));
  });

  it('without the rule the same posts start topics of their own', () => {
    const index = afterCoup({ hubThreshold: 0 });
    AFTERMATH.forEach((text, i) => expect(index.add(post(`after${i}`, 'banksta', 2 + i, text)).isNewTopic).toBe(true));
  });

  it('a hub keeps its weight through the night, half again as long as other topics', () => {
    const morning = post('after', 'banksta', 10, AFTERMATH[1]); // 9 h after the last post about the coup
    const index = afterCoup();
    expect(index.add(morning).topicId).toBe(index.topicOf('coup0'));
    const plain = afterCoup({ hubTimeScale: 1 });
    expect(plain.add(morning).isNewTopic).toBe(true);
  });

  it('a name that many stories share claims nothing', () => {
    // (A lower threshold than the default: the name weighs less once many posts carry it.)
    const index = afterCoup({ hubThreshold: 0.12 }, ELSEWHERE);
    expect(new Set(ELSEWHERE.map((_, i) => index.topicOf(`other${i}`))).size).toBe(ELSEWHERE.length);
    AFTERMATH.forEach((text, i) => expect(index.add(post(`after${i}`, 'banksta', 2 + i, text)).isNewTopic).toBe(true));
    // …while a story that owned the name would have claimed them:
    const owning = afterCoup({ hubThreshold: 0.12, hubConcentration: 0 }, ELSEWHERE);
    AFTERMATH.forEach((text, i) => expect(owning.add(post(`after${i}`, 'banksta', 2 + i, text)).topicId).toBe(owning.topicOf('coup0')));
  });
});
