/**
 * Prints the gzip size of the JavaScript the built app loads before the map can draw: the entry script and
 * the modules it preloads, named in dist/index.html. Workers (MapLibre's) load in parallel and are listed
 * apart. Run after `vite build` (npm run build does both).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = path.resolve('dist');
const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
const initial = new Set<string>();
for (const m of html.matchAll(
  /<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\.?\/?([^"]+\.js)"/g,
))
  initial.add(m[1]);

const gz = (file: string) => gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const assets = readdirSync(path.join(dist, 'assets')).map((f) => `assets/${f}`);
const rows = [...initial].map((file) => ({
  file,
  raw: statSync(path.join(dist, file)).size,
  gzip: gz(file),
}));
const total = rows.reduce((s, r) => s + r.gzip, 0);
const workers = assets.filter((f) => /worker/i.test(f) && f.endsWith('.js'));
const fonts = assets.filter((f) => f.endsWith('.woff2'));

console.log('\nInitial JavaScript (gzip -9):');
for (const r of rows.sort((a, b) => b.gzip - a.gzip))
  console.log(`  ${r.file.padEnd(48)} ${kb(r.raw).padStart(10)} raw ${kb(r.gzip).padStart(10)} gzip`);
console.log(`  ${'total initial JS'.padEnd(48)} ${''.padStart(14)} ${kb(total).padStart(10)} gzip`);
for (const w of workers)
  console.log(`  worker ${w.padEnd(41)} ${kb(gz(w)).padStart(25)} gzip (separate file, loaded when used)`);
console.log(
  `  fonts: ${fonts.length} woff2 files, ${kb(fonts.reduce((s, f) => s + statSync(path.join(dist, f)).size, 0))}`,
);
