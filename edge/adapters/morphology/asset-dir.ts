/** Where the web build puts the Russian dictionary's files (web/vite.config.ts), for the Worker to read. */
export const DICTIONARY_ASSET_DIR = 'dicts/ru';
