/**
 * The app offline: the service worker (vite-plugin-pwa, precaching the app, fonts, boundaries and bundled
 * data), the prompt when a new version waits, and the browser storage that keeps imported data (IndexedDB):
 * how much is used, and whether the browser promised to keep it (`navigator.storage.persist()`).
 */
import { registerSW } from 'virtual:pwa-register';

export class OfflineState {
  /** A new version is installed and waits for "Muat ulang". */
  needRefresh = $state(false);
  /** Everything is cached: the app opens without a network. */
  offlineReady = $state(false);
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  usage = $state<number | null>(null);
  quota = $state<number | null>(null);
  persisted = $state<boolean | null>(null);
  #update: ((reload?: boolean) => Promise<void>) | null = null;
  #asked = false;

  /**
   * Registers the service worker. The browser-test build registers it only when a test asks (localStorage
   * `kantong.sw` = 1), so that the other tests see the network as the page makes it.
   */
  start(): void {
    const onLine = () => (this.online = navigator.onLine);
    window.addEventListener('online', onLine);
    window.addEventListener('offline', onLine);
    if (!('serviceWorker' in navigator)) return;
    if (import.meta.env.VITE_KANTONG_TEST_HOOKS === '1' && localStorage.getItem('kantong.sw') !== '1') return;
    this.#update = registerSW({
      immediate: true,
      onNeedRefresh: () => (this.needRefresh = true),
      onOfflineReady: () => (this.offlineReady = true),
    });
  }

  /** Takes the waiting version (the page reloads). */
  async reload(): Promise<void> {
    await this.#update?.(true);
  }

  dismiss(): void {
    this.needRefresh = false;
  }

  /** Reads how much the browser stores for the app, and whether it is kept. */
  async measure(): Promise<void> {
    const storage = navigator.storage;
    if (!storage?.estimate) return;
    try {
      const e = await storage.estimate();
      this.usage = e.usage ?? null;
      this.quota = e.quota ?? null;
      this.persisted = storage.persisted ? await storage.persisted() : null;
    } catch {
      // no estimate in this browser: nothing shown
    }
  }

  /**
   * Asks once per visit that the browser keep the stored data (imported datasets, scenarios, slides) instead
   * of clearing it when space runs short; then measures again.
   */
  async keepData(): Promise<void> {
    if (this.#asked || !navigator.storage?.persist) return void this.measure();
    this.#asked = true;
    try {
      this.persisted = await navigator.storage.persist();
    } catch {
      this.persisted = false;
    }
    await this.measure();
  }
}
