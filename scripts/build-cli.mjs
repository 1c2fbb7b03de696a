/**
 * The CLI as plain JavaScript: `src/cli/kantong.ts` (and `synth.ts`) bundled once by esbuild (the toolchain's
 * own: Vite and tsx use it) into `dist-cli/`, split so that each command's code loads only when it runs
 * (`kantong --help` reads the entry alone). The build is deterministic: the same sources give the same files
 * (no timestamps, no absolute paths, sorted inputs). Native packages (`@duckdb/node-api`) and packages that read their own data files (`idn-area-data`) stay
 * external.
 *
 * `dist-cli/stamp.json` lists every input with its size and mtime; {@link isStale} compares them with the
 * working tree, so `scripts/kantong.mjs` rebuilds on demand when a source changed (a fresh clone builds on
 * its first run) and costs a few `stat` calls otherwise.
 *
 * Usage: `node scripts/build-cli.mjs` (always builds), imported by the launchers (build when stale).
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUT = path.join(ROOT, 'dist-cli');
const STAMP = path.join(OUT, 'stamp.json');
const ENTRIES = { kantong: 'src/cli/kantong.ts', synth: 'src/cli/synth.ts' };
/** Packages with native code or their own file layout: loaded from node_modules at run time. */
const EXTERNAL = ['@duckdb/node-api', '@duckdb/node-bindings', 'idn-area-data'];

/** Whether `dist-cli/` is missing or older than any of its inputs (by size and mtime), or than this script. */
export function isStale() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return true;
  }
  for (const [file, [size, mtime]] of Object.entries(stamp.inputs)) {
    let s;
    try {
      s = statSync(path.join(ROOT, file));
    } catch {
      return true;
    }
    if (s.size !== size || Math.floor(s.mtimeMs) !== mtime) return true;
  }
  return !Object.values(ENTRIES).every((e) => e in stamp.inputs);
}

/** `import text from './file.sql?raw'` (Vite's form, which Vitest reads too): the file's text as a string. */
const rawText = {
  name: 'raw-text',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: path.resolve(args.resolveDir, args.path.slice(0, -'?raw'.length)),
    }));
    b.onLoad({ filter: /\.sql$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8'),
      loader: 'text',
      watchFiles: [args.path],
    }));
  },
};

/** Builds `dist-cli/` (see the module comment). */
export async function buildCli(outDir = OUT) {
  const { build } = await import('esbuild');
  rmSync(outDir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    metafile: true,
    legalComments: 'none',
    plugins: [rawText],
    logLevel: 'warning',
    // Bundled CommonJS packages call require(); give the ES module one.
    banner: {
      js: "import { createRequire as __kantongRequire } from 'node:module'; const require = __kantongRequire(import.meta.url);",
    },
  });
  const inputs = {};
  const files = [...Object.keys(result.metafile.inputs), 'scripts/build-cli.mjs', 'package-lock.json'];
  for (const file of files.sort()) {
    if (file.startsWith('<')) continue;
    const s = statSync(path.join(ROOT, file));
    inputs[file] = [s.size, Math.floor(s.mtimeMs)];
  }
  // The stamp is for staleness only; the bundle itself holds no time or machine-specific path.
  writeFileSync(path.join(outDir, 'stamp.json'), `${JSON.stringify({ inputs })}\n`);
}

/**
 * Builds when stale; returns whether it built. The new bundle is built beside `dist-cli/` and swapped in by
 * renames, so a command already running from the old bundle (tests run several at once) keeps its files.
 */
export async function ensureCli() {
  if (existsSync(path.join(OUT, 'kantong.mjs')) && !isStale()) return false;
  const fresh = `${OUT}.build-${process.pid}`;
  const old = `${OUT}.old-${process.pid}`;
  await buildCli(fresh);
  if (existsSync(OUT)) renameSync(OUT, old);
  renameSync(fresh, OUT);
  rmSync(old, { recursive: true, force: true });
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
  await buildCli();
