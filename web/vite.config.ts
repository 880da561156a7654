// Vite config for the SolidJS app: source in web/, output in dist/web (served by the API).
import path from 'node:path';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

const webRoot = import.meta.dirname;
const repoRoot = path.resolve(webRoot, '..');
const api = 'http://127.0.0.1:8080';

export default defineConfig({
  root: webRoot,
  plugins: [solid()],
  build: {
    outDir: path.resolve(repoRoot, 'dist/web'),
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/v1': api,
      '/auth': api,
      '/healthz': api,
      '/media': api,
    },
  },
});
