// Sentence splitting for Russian and English news lines. A full stop ends a sentence only before
// a capital, a digit or an opening quote, and not after an initial ("В. Путин", "U.S.") or a
// title-like abbreviation ("г. Москва", "ул.", "Dr."), nor after one before a figure ("ст. 275"), nor
// inside parentheses. Lines are already sentences' outer bounds.

// Abbreviations that precede a name, so the capital after them starts no sentence.
const BEFORE_NAME = new Set(['г', 'ул', 'им', 'пр', 'просп', 'пер', 'проф', 'акад', 'ген', 'св', 'mr', 'mrs', 'ms', 'dr', 'st', 'gen', 'sen', 'rep', 'gov', 'prof', 'no']);
// Abbreviations that precede a figure ("ст. 275 УК", "ч. 2", "п. 3", "No. 5").
const BEFORE_FIGURE = new Set(['ст', 'ч', 'п', 'пп', 'гл', 'разд', 'рис', 'табл', 'стр', 'art', 'vol', 'p', 'pp', 'ch', 'sec', 'no']);
const CANDIDATE = /([.!?…]+)(["»”')\]]*)(\s+)(?=["«“„'(\-–—]?\s*[\p{Lu}\p{N}])/gu;

export function splitSentences(line: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const m of line.matchAll(CANDIDATE)) {
    const end = m.index + m[1].length + m[2].length;
    if (m[1] === '.' && !endsSentence(line.slice(start, m.index), line.slice(end + m[3].length))) continue;
    if (insideQuote(line.slice(start, end)) || insideParentheses(line.slice(start, end))) continue;
    push(out, line.slice(start, end));
    start = end + m[3].length;
  }
  push(out, line.slice(start));
  return out;
}

function endsSentence(before: string, after: string): boolean {
  const word = /([\p{L}\p{N}]+)$/u.exec(before)?.[1];
  if (!word) return true;
  // An initial: one capital letter ("В. Путин", "U.S.").
  if (word.length === 1 && /\p{Lu}/u.test(word)) return false;
  const lower = word.toLowerCase();
  if (BEFORE_FIGURE.has(lower) && /^\p{N}/u.test(after)) return false;
  if (!BEFORE_NAME.has(lower)) return true;
  // "2024 г. В Москве…": a year's "г." can end a sentence; "г. Москва" cannot.
  return lower === 'г' && /\d\s*г$/u.test(before);
}

// A quoted speech of several sentences stays one piece: it is attributed as a whole.
function insideQuote(text: string): boolean {
  const open = (text.match(/«/g) ?? []).length - (text.match(/»/g) ?? []).length;
  return open > 0 || (text.match(/["“”]/g) ?? []).length % 2 === 1;
}

// "(ст. 275 УК РФ)": nothing inside parentheses ends the sentence around them.
function insideParentheses(text: string): boolean {
  return (text.match(/\(/g) ?? []).length > (text.match(/\)/g) ?? []).length;
}

function push(out: string[], text: string): void {
  const s = text.trim();
  if (/\p{L}/u.test(s)) out.push(s);
}
