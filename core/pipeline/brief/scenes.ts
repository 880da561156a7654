// The scenes the offline Image Brief can stage, chosen by the story's words (stems, ru and en).
// A scene is concrete (objects, place, light) and shows no real person's likeness: news photos
// of named people are the agencies' job, not an image model's.

export interface Scene {
  key: string;
  /** Stems (prefixes) that choose the scene. */
  cues: string[];
  /** What the picture shows, in English for the image model. */
  shows: string;
  /** The same in Russian, for captions. */
  ru: string;
  en: string;
}

export const SCENES: Scene[] = [
  { key: 'space', cues: ['астероид', 'метеор', 'болид', 'комет', 'космос', 'ракет', 'спутник', 'asteroid', 'meteor', 'comet', 'rocket', 'satellite'], shows: 'a bright fireball streaking across a night sky above a snowy taiga town, long exposure', ru: 'яркий болид в ночном небе', en: 'a bright fireball in the night sky' },
  { key: 'road', cues: ['авари', 'дтп', 'столкнов', 'автобус', 'машин', 'автомобил', 'трамва', 'пробк', 'crash', 'collision', 'traffic', 'bus', 'tram'], shows: 'a multi-lane city avenue with damaged cars and a bus behind a police cordon, emergency lights reflecting on wet asphalt', ru: 'место аварии на городском проспекте', en: 'the scene of a crash on a city avenue' },
  { key: 'weather', cues: ['дожд', 'ливн', 'снег', 'гололед', 'гололёд', 'мороз', 'метел', 'ураган', 'шторм', 'погод', 'синоптик', 'rain', 'snow', 'storm', 'frost', 'weather', 'ice'], shows: 'an icy city street at night under freezing rain, frosted trees and glistening pavement, street lamps glowing', ru: 'обледеневшая улица под ледяным дождём', en: 'an icy street under freezing rain' },
  { key: 'protest', cues: ['протест', 'митинг', 'демонстрант', 'манифестац', 'разгон', 'баррикад', 'оппозици', 'protest', 'rally', 'demonstrat'], shows: 'a crowd of protesters with umbrellas facing a police cordon on a wide city avenue at night, lit by street lamps and haze', ru: 'толпа протестующих и оцепление на ночном проспекте', en: 'a crowd of protesters and a police cordon at night' },
  { key: 'parliament', cues: ['парламент', 'ассамбле', 'депутат', 'госдум', 'сенат', 'голосов', 'закон', 'parliament', 'assembly', 'senate', 'vote', 'law'], shows: 'the facade of a parliament building at dusk with a crowd gathering on the steps, banners without writing', ru: 'здание парламента и собравшиеся у входа люди', en: 'a parliament building with people gathering outside' },
  { key: 'military', cues: ['военн', 'арми', 'войск', 'танк', 'солдат', 'бронетехник', 'оборон', 'military', 'army', 'troops', 'tank', 'soldier', 'martial'], shows: 'armoured vehicles lined up on a wide city boulevard at night, soldiers seen from behind at a distance', ru: 'военная техника на ночном бульваре', en: 'military vehicles on a city boulevard at night' },
  { key: 'diplomacy', cues: ['переговор', 'саммит', 'встреч', 'мид', 'нато', 'дипломат', 'посол', 'talks', 'summit', 'nato', 'diplomat', 'minister'], shows: 'a long conference table with empty chairs, microphones and water glasses in a bright hall, flags without emblems in soft focus', ru: 'зал переговоров с длинным столом', en: 'a negotiation hall with a long table' },
  { key: 'health', cues: ['вирус', 'болезн', 'эпидем', 'заболев', 'врач', 'больниц', 'медик', 'инфекц', 'ветрянк', 'virus', 'disease', 'hospital', 'doctor', 'outbreak'], shows: 'a field clinic tent with medical staff in protective gowns seen from behind, medical supplies on a table', ru: 'полевая клиника и медики в защитных костюмах', en: 'a field clinic with medical staff in protective gear' },
  { key: 'markets', cues: ['курс', 'рубл', 'бирж', 'мосбирж', 'индекс', 'котировк', 'биткоин', 'нефт', 'инфляц', 'банк', 'экспорт', 'санкци', 'market', 'stock', 'shares', 'oil', 'bitcoin', 'bank'], shows: 'a trading floor with rows of screens showing abstract falling charts, dim blue light', ru: 'торговый зал с графиками на экранах', en: 'a trading floor with charts on screens' },
  { key: 'ice', cues: ['пруд', 'озер', 'лед', 'лёд', 'провалил', 'река', 'pond', 'lake', 'river'], shows: 'a frozen city pond with thin cracked ice and a rescue boat at the shore on a grey winter day', ru: 'замёрзший пруд с тонким льдом', en: 'a frozen pond with thin ice' },
  { key: 'cable', cues: ['кабел', 'интернет', 'диверси', 'cable', 'internet', 'sabotage'], shows: 'a cable-laying ship on a calm grey sea, a thick undersea cable spooled on deck', ru: 'судно-кабелеукладчик в море', en: 'a cable-laying ship at sea' },
  { key: 'crime', cues: ['полици', 'задерж', 'арест', 'судь', 'мошенн', 'уголовн', 'police', 'arrest', 'court', 'fraud'], shows: 'an empty courtroom with wooden benches and a judge bench under soft window light', ru: 'пустой зал суда', en: 'an empty courtroom' },
  { key: 'tech', cues: ['искусственн', 'нейросет', 'программ', 'смартфон', 'приложен', 'сервер', 'software', 'server'], shows: 'a server room with rows of racks and blinking status lights, cool blue tones', ru: 'серверная со стойками оборудования', en: 'a server room with equipment racks' },
];

export const DEFAULT_SCENE: Scene = {
  key: 'newsroom',
  cues: [],
  shows: 'a city skyline at blue hour seen from a rooftop, soft light over the streets',
  ru: 'городской пейзаж в сумерках',
  en: 'a city skyline at dusk',
};

/** The scenes a story's text calls for, most cued first. */
export function scenesFor(text: string): Scene[] {
  const words = text.toLowerCase().replace(/ё/g, 'е').match(/[\p{L}\p{N}]+/gu) ?? [];
  const scored = SCENES.map((scene, order) => ({
    scene,
    order,
    hits: words.filter((w) => scene.cues.some((c) => w.startsWith(c.replace(/ё/g, 'е')))).length,
  })).filter((s) => s.hits > 0);
  scored.sort((a, b) => b.hits - a.hits || a.order - b.order);
  return scored.map((s) => s.scene);
}
