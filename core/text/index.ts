export { detectLanguage, type Language } from './language';
export { normalizeText, stripMarkup } from './markup';
export { contentStems, stemWords, words } from './tokenize';
export { stem } from './stem';
