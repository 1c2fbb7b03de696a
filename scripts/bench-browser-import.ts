/**
 * `npm run bench -- browser-import [--rows 3000000] [--big-rows 12500000]`: the app's streamed import of big
 * household files in Debian's Chromium (the browser-test build, `npm run build:test`). Writes (once, into
 * `.bench/browser-import/`, git-ignored) streamed synthetic extracts of the default district
 * (`npm run synth -- --kab 33.24 --households N --stream`: ~200 bytes a row, so 3 M rows ≈ 600 MB and 12.5 M
 * rows ≈ 2.5 GB), picks each through the import dialog (`setInputFiles` with the path: the browser reads the
 * file from disk, as a user's), goes through mapping and join to "Data diimpor", and prints:
 *
 * - the time from picking the file to the join review and to the end;
 * - the peak JS heap (used) of the page and of the import Worker, polled every 100 ms through the DevTools
 *   protocol (`Runtime.getHeapUsage` on each target; the Worker attached from a browser-level session),
 *   and Chromium's peak resident memory (all its processes, from /proc: anonymous and file-backed);
 * - the rows read and joined as the dialog shows them.
 *
 * Targets (issue 17): 3 M rows with a peak JS heap under 300 MB; a 2.5 GB file imports without failing.
 * Timings and memory are printed, never asserted.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CDPSession, Page } from 'playwright-core';
import { openBenchBrowser } from './bench-browser.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '3000000' },
    'big-rows': { type: 'string', default: '12500000' },
    keep: { type: 'boolean', default: false },
  },
});
const root = path.resolve(import.meta.dirname, '..');
const bench = await openBenchBrowser('bench-browser-import');
if (!bench) process.exit(0);
const { browser } = bench;
const dir = path.join(root, '.bench', 'browser-import');
mkdirSync(dir, { recursive: true });
const index = JSON.parse(readFileSync(path.join(root, 'public/geo/index.json'), 'utf8')) as {
  default: string;
  districts: { kode_kab: string; folder: string }[];
};
const kab = index.districts.find((d) => d.kode_kab === index.default || d.folder === index.default)!.kode_kab;
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];

function ensureFile(rows: number): string {
  const out = path.join(dir, `${kab}-${rows}`);
  const find = () => (existsSync(out) ? readdirSync(out).find((f) => f.endsWith('.csv')) : undefined);
  if (!find()) {
    const args = ['synth', '--kab', kab, '--households', String(rows), '--stream', '--periods', '2025-Q1'];
    const r = spawnSync(process.execPath, ['scripts/kantong.mjs', ...args, '--out', out], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`synth --stream failed (${r.status})`);
  }
  return path.join(out, find()!);
}

/**
 * Resident memory of every Chromium process (MB), from /proc: anonymous (heaps, buffers) and file-backed
 * (mapped files: a disk-backed `File` being read shows here, and the kernel can drop those pages).
 */
function chromiumRssMb(): { anon: number; file: number } {
  let anon = 0;
  let file = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('playwright_chromiumdev_profile') || !cmd.includes('chromium')) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      anon += Number(/RssAnon:\s+(\d+)/.exec(status)?.[1] ?? 0);
      file += Number(/RssFile:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      // the process ended meanwhile
    }
  }
  return { anon: anon / 1024, file: file / 1024 };
}

/** The Worker targets' heap through a browser-level session (flatten: false, messages relayed). */
class WorkerHeaps {
  private next = 1;
  private pending = new Map<number, (v: { usedSize: number }) => void>();
  private sessions: string[] = [];
  constructor(private readonly cdp: CDPSession) {
    cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
      const msg = JSON.parse(e.message) as { id?: number; result?: { usedSize: number } };
      if (msg.id !== undefined && msg.result) this.pending.get(msg.id)?.(msg.result);
      if (msg.id !== undefined) this.pending.delete(msg.id);
    });
  }
  async attach(): Promise<void> {
    const { targetInfos } = (await this.cdp.send('Target.getTargets')) as {
      targetInfos: { targetId: string; type: string; attached: boolean }[];
    };
    for (const t of targetInfos.filter((x) => x.type === 'worker')) {
      if (this.sessions.some((s) => s.startsWith(t.targetId))) continue;
      const { sessionId } = (await this.cdp.send('Target.attachToTarget', {
        targetId: t.targetId,
        flatten: false,
      })) as { sessionId: string };
      this.sessions.push(`${t.targetId}|${sessionId}`);
    }
  }
  async used(): Promise<number> {
    let total = 0;
    for (const s of this.sessions) {
      const sessionId = s.split('|')[1];
      const id = this.next++;
      const result = new Promise<{ usedSize: number }>((resolve) => {
        this.pending.set(id, resolve);
        setTimeout(() => resolve({ usedSize: 0 }), 2000);
      });
      await this.cdp
        .send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }),
        })
        .catch(() => undefined);
      total = Math.max(total, (await result).usedSize);
    }
    return total;
  }
}

async function importOnce(page: Page, file: string, workers: WorkerHeaps, pageCdp: CDPSession) {
  const peaks = { page: 0, worker: 0, anon: 0, file: 0 };
  let polling = true;
  const poll = (async () => {
    while (polling) {
      await workers.attach().catch(() => undefined);
      const [p, w] = await Promise.all([
        pageCdp.send('Runtime.getHeapUsage').then((r) => (r as { usedSize: number }).usedSize),
        workers.used(),
      ]);
      peaks.page = Math.max(peaks.page, p);
      peaks.worker = Math.max(peaks.worker, w);
      const rss = chromiumRssMb();
      peaks.anon = Math.max(peaks.anon, rss.anon);
      peaks.file = Math.max(peaks.file, rss.file);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const dialog = page.getByRole('dialog', { name: 'Impor data' });
  await page.getByRole('button', { name: 'Impor data' }).click();
  await dialog.waitFor();
  const startLoad = load();
  const t0 = performance.now();
  await dialog.locator('input[type=file]').setInputFiles(file);
  await dialog.getByRole('button', { name: 'Lanjut ke pemetaan kolom' }).click({ timeout: 600_000 });
  await dialog.getByRole('button', { name: 'Gabungkan ke desa' }).click({ timeout: 600_000 });
  await dialog
    .getByRole('heading', { name: 'Tinjauan penggabungan ke desa' })
    .waitFor({ timeout: 1_800_000 });
  const tReview = performance.now();
  const count = async (k: string) =>
    Number(((await dialog.locator(`[data-count="${k}"]`).textContent()) ?? '').replace(/\D/g, ''));
  const read = await count('read');
  const joined = await count('joined');
  await dialog.getByRole('button', { name: 'Selesai: tampilkan di peta' }).click();
  await dialog.getByRole('heading', { name: 'Data diimpor' }).waitFor({ timeout: 1_800_000 });
  const tDone = performance.now();
  polling = false;
  await poll;
  return { seconds: (tDone - t0) / 1000, review: (tReview - t0) / 1000, read, joined, peaks, startLoad };
}

const url = bench.url;
try {
  for (const rows of [Number(values.rows), Number(values['big-rows'])].filter((n) => n > 0)) {
    const file = ensureFile(rows);
    const size = statSync(file).size;
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, { timeout: 300_000 });
    const pageCdp = await context.newCDPSession(page);
    const browserCdp = await browser.newBrowserCDPSession();
    const workers = new WorkerHeaps(browserCdp);
    const r = await importOnce(page, file, workers, pageCdp);
    const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
    console.log(
      `${rows.toLocaleString('en-US')} rows (${(size / 1e9).toFixed(2)} GB): ${r.seconds.toFixed(1)} s ` +
        `(join review after ${r.review.toFixed(1)} s), ${r.read.toLocaleString('en-US')} read, ` +
        `${r.joined.toLocaleString('en-US')} joined; peak JS heap page ${mb(r.peaks.page)} MB, ` +
        `Worker ${mb(r.peaks.worker)} MB; Chromium peak RSS anonymous ${r.peaks.anon.toFixed(0)} MB, ` +
        `file-backed ${r.peaks.file.toFixed(0)} MB; load ${r.startLoad} → ${load()}`,
    );
    await context.close();
  }
} finally {
  await bench.close();
}
