// Where the `az` package keeps its dictionary files: Node reads them (node.ts), the web build copies
// them for the Worker (web/vite.config.ts).
import { createRequire } from 'node:module';
import path from 'node:path';

export const azDictionaryDir = (): string => path.join(path.dirname(createRequire(import.meta.url).resolve('az/package.json')), 'dicts');
