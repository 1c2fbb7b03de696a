/**
 * What the browser-test build (`npm run build:test`, and no other) exposes on `window` for tests and benchmarks to
 * read map state (not pixels).
 */
export {};

declare global {
  interface Window {
    __kantong: {
      map: import('maplibre-gl').Map;
      explore: import('../../src/state/explore.svelte.ts').ExploreState;
      priority: import('../../src/state/priority.svelte.ts').PriorityState;
      exporter: import('../../src/state/exports.svelte.ts').ExportState;
      monitor: import('../../src/state/monitor.svelte.ts').MonitorState;
      needs: import('../../src/state/needs.svelte.ts').NeedsState;
      presentation: import('../../src/state/presentation.svelte.ts').PresentationState;
      slides: import('../../src/state/presentation.svelte.ts').SlidesState;
      offline: import('../../src/state/offline.svelte.ts').OfflineState;
    };
  }
}
