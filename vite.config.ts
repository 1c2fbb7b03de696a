import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

export default defineConfig({
  plugins: [
    svelte(),
    // Offline after one visit: the service worker precaches the app, its fonts, the district boundaries and
    // the bundled data (everything the build emits). A new version waits for the user's "Muat ulang"
    // (registerType 'prompt', see src/state/offline.svelte.ts); the very first install takes the open page.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'icons/*.png'],
      manifest: {
        name: 'Kantong — peta kantong kemiskinan',
        short_name: 'Kantong',
        description: 'Peta kantong kemiskinan dari data DT-SEN untuk pemerintah kabupaten/kota',
        lang: 'id',
        dir: 'ltr',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#08306b',
        icons: [
          { src: 'icons/kantong-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/kantong-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/kantong-512-maskable.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,woff,json,csv,wasm}'],
        // the full-precision boundaries and MapLibre are over Workbox's 2 MB default
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        clientsClaim: true,
        navigateFallback: 'index.html',
      },
    }),
  ],
  base: './',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    // MapLibre in its own chunk: cached across releases, and the size report shows it apart from our code.
    rolldownOptions: {
      output: { advancedChunks: { groups: [{ name: 'maplibre', test: /node_modules[\\/]maplibre-gl/ }] } },
    },
  },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
