// The parts of `az` (Az.js, OpenCorpora's dictionary for JavaScript) that opencorpora.ts uses.
declare module 'az' {
  export interface AzTag {
    POST?: string;
    /** Grammemes as flags: tag.nomn, tag.plur, tag.Geox… */
    [grammeme: string]: unknown;
  }
  export interface AzParse {
    word: string;
    tag: AzTag;
    score: number;
    parser: string;
    /** Forms in the word's paradigm (dictionary readings). */
    formCnt: number;
    /** The form with these grammemes (the paradigm's first such form), or the paradigm's form number `index`. */
    inflect(grammemes: string[] | number): AzParse | false;
  }
  export interface AzMorph {
    (word: string, config?: Record<string, unknown>): AzParse[];
    init(path: string, callback: (error: Error | null) => void): void;
  }
  const Az: {
    /** How the dictionaries are read: replaced so that each runtime reads them its own way. */
    load(url: string, responseType: 'json' | 'arraybuffer', callback: (error: Error | null, data?: unknown) => void): void;
    Morph: AzMorph;
  };
  export default Az;
}
