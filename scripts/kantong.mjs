#!/usr/bin/env node
/**
 * `npm run kantong -- …` (and `npm run synth -- …`): runs the bundled CLI in `dist-cli/`, building it first
 * when a source changed or on a fresh clone (see `build-cli.mjs`). `node scripts/kantong.mjs synth …` runs the
 * synthetic generator's bundle.
 */
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { ensureCli, OUT } from './build-cli.mjs';

let entry = 'kantong.mjs';
if (process.argv[2] === 'synth') {
  entry = 'synth.mjs';
  process.argv.splice(2, 1);
}
if (await ensureCli()) process.stderr.write('(CLI dibangun ke dist-cli/ · CLI built into dist-cli/)\n');
await import(pathToFileURL(path.join(OUT, entry)).href);
