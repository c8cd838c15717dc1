import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is a static bundle loaded from app://granska (Electron) or 127.0.0.1 (browser mode),
// so every asset path is relative.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  // No source maps unless asked for (GRANSKA_SOURCEMAP=1): the packaged app never ships them, and
  // writing 5 MB of map on every build costs time for nobody.
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: process.env.GRANSKA_SOURCEMAP === '1', chunkSizeWarningLimit: 4000 },
});
