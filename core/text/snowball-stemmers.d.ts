// snowball-stemmers ships no types; this is the part of its API we use.
declare module 'snowball-stemmers' {
  export interface Stemmer {
    stem(word: string): string;
  }
  const factory: {
    newStemmer(algorithm: string): Stemmer;
    algorithms(): string[];
  };
  export default factory;
}
