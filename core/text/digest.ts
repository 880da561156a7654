// A digest lists several of the day's stories under one heading ("Главное к утру понедельника",
// "Другие заявления Пескова", "Спецоперация. Обстановка и главные события на 1 декабря"). It shares
// words with each of those stories and belongs to none, so the topic index joins it only to other
// digests (a copy, or another channel's wording of the same digest). Known by its heading: a list
// alone is no sign, as single stories are often told in bullet points.
const HEADINGS = [
  'главное к (?:утру|обеду|вечеру|ночи|этому часу)',
  'главное за (?:день|сутки|неделю|выходные|ночь|утро)',
  'главные (?:события|новости) (?:дня|недели|к|за|на)',
  'коротко о главном',
  'итоги (?:дня|недели)',
  'новости к этому часу',
  'другие заявления',
  'дайджест',
];
const DIGEST_HEADING = new RegExp(`(?:^|[\\s.!:—–-])(?:${HEADINGS.join('|')})`, 'iu');

/** Whether a post's first line heads a digest. */
export function isDigest(stripped: string): boolean {
  const end = stripped.indexOf('\n');
  const heading = (end < 0 ? stripped : stripped.slice(0, end)).slice(0, 160);
  return DIGEST_HEADING.test(heading);
}
