// A digest lists several of the day's stories under one heading ("Главное к утру понедельника",
// "Другие заявления Пескова", "Спецоперация. Обстановка и главные события на 1 декабря"). It shares
// words with each of those stories and belongs to none, so the topic index never joins it to one
// by similarity (a copy of the same digest still joins it). Known by its heading: a list alone is no
// sign, as single stories are often told in bullet points.
const DIGEST_HEADING =
  /(?:^|[\s.!:—–-])(?:главное (?:к (?:утру|обеду|вечеру|ночи|этому часу)|за (?:день|сутки|неделю|выходные|ночь|утро))|главные (?:события|новости) (?:дня|недели|к|за|на)|коротко о главном|итоги (?:дня|недели)|новости к этому часу|другие заявления|дайджест)/iu;

/** Whether a post's first line heads a digest. */
export function isDigest(stripped: string): boolean {
  const end = stripped.indexOf('\n');
  const heading = (end < 0 ? stripped : stripped.slice(0, end)).slice(0, 160);
  return DIGEST_HEADING.test(heading);
}
