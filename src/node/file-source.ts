/**
 * A file on disk as a `ByteSource` (see `src/lib/import/byte-source.ts`): its first bytes read by range, the
 * rest streamed with `fs.createReadStream`, so files of any size import (no `ERR_FS_FILE_TOO_LARGE` at
 * 2 GiB, memory that does not grow with the file). Errors (missing file, a directory) are thrown by
 * {@link openFileSource}, before anything is read.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { ByteSource } from '../lib/import/byte-source.ts';

/** Bytes per chunk of the stream. */
const HIGH_WATER_MARK = 1 << 20;

/** The file at `file` as a source; throws the file system's error (`ENOENT`, `EISDIR`, …). */
export async function openFileSource(file: string): Promise<ByteSource> {
  const info = await stat(file);
  if (info.isDirectory()) throw Object.assign(new Error(`${file} is a directory`), { code: 'EISDIR' });
  const size = info.size;
  return {
    size,
    async read(start, end) {
      const length = Math.max(0, Math.min(end, size) - start);
      const handle = await open(file, 'r');
      try {
        const out = new Uint8Array(length);
        let done = 0;
        while (done < length) {
          const { bytesRead } = await handle.read(out, done, length - done, start + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return done === length ? out : out.subarray(0, done);
      } finally {
        await handle.close();
      }
    },
    async *stream(offset) {
      if (offset >= size) return;
      const stream = createReadStream(file, { start: offset, highWaterMark: HIGH_WATER_MARK });
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>)
          yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
      } finally {
        stream.destroy();
      }
    },
  };
}
