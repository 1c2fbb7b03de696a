/**
 * Step 0: where a file's bytes come from. The import reads every file through a {@link ByteSource}: the
 * first bytes for detection (`read`), then the whole file once or more as a stream of chunks (`stream`), so
 * a file is never held whole in memory unless it is a workbook (a ZIP needs its central directory) or the
 * caller already has its bytes. One code path for all of them:
 *
 * - {@link bytesSource}: bytes in memory (tests, small files, workbooks); its chunks are views, no copies;
 * - {@link blobSource}: a browser `File`/`Blob`, read with `Blob.slice(…).stream()` (no 2 GiB limit, unlike
 *   `FileReader`/`arrayBuffer()` of the whole file);
 * - `fileSource` (`src/node/file-source.ts`): a file on disk, read with a Node stream.
 *
 * Chunks may end anywhere, inside a multi-byte character or a quoted record: the text reader joins them
 * (`TextDecoder` with `stream: true`, papaparse's held-back last record).
 */

/** A file's bytes, read by range or as a stream (see the module comment). */
export interface ByteSource {
  /** Bytes in the file. */
  readonly size: number;
  /** Bytes `[start, min(end, size))`. */
  read(start: number, end: number): Promise<Uint8Array>;
  /** The bytes from `offset` to the end, in chunks of any size (at least one byte each), in order. */
  stream(offset: number): AsyncIterable<Uint8Array>;
  /**
   * Bytes of text parsed per batch (default: the reader's 64 KiB). Tests set it to a few bytes so that batch
   * boundaries fall inside characters and quoted records; results never depend on it.
   */
  readonly batchBytes?: number;
}

/** Whether `input` is a {@link ByteSource} rather than bytes. */
export function isByteSource(input: Uint8Array | ByteSource): input is ByteSource {
  return !(input instanceof Uint8Array);
}

/**
 * Bytes in memory as a source. `chunk` fixes the chunk size of `stream` (default 1 MiB), or gives a size per
 * chunk (tests use 1–17 bytes, so that every boundary of characters and records is crossed); `batchBytes`
 * see {@link ByteSource}.
 */
export function bytesSource(
  bytes: Uint8Array,
  chunk: number | ((index: number) => number) = 1 << 20,
  batchBytes?: number,
): ByteSource {
  return {
    size: bytes.length,
    ...(batchBytes !== undefined ? { batchBytes } : {}),
    read: async (start, end) => bytes.subarray(start, Math.min(end, bytes.length)),
    async *stream(offset) {
      let k = 0;
      for (let start = offset; start < bytes.length; k++) {
        const n = Math.max(1, Math.floor(typeof chunk === 'number' ? chunk : chunk(k)));
        yield bytes.subarray(start, Math.min(bytes.length, start + n));
        start += n;
      }
    },
  };
}

/**
 * A browser `File`/`Blob` as a source (see the module comment). `options` (the browser-test build only) cut
 * the stream's chunks to at most `chunkBytes` and set `batchBytes`, so a test can prove the Worker's import
 * streams with boundaries everywhere; `onChunk` sees each chunk's size.
 */
export function blobSource(
  blob: Blob,
  options: { chunkBytes?: number; batchBytes?: number; onChunk?: (bytes: number) => void } = {},
): ByteSource {
  const cut = options.chunkBytes !== undefined ? Math.max(1, Math.floor(options.chunkBytes)) : Infinity;
  return {
    size: blob.size,
    ...(options.batchBytes !== undefined ? { batchBytes: options.batchBytes } : {}),
    read: async (start, end) =>
      new Uint8Array(await blob.slice(start, Math.min(end, blob.size)).arrayBuffer()),
    async *stream(offset) {
      const reader = blob.slice(offset).stream().getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          for (let start = 0; start < value.length; start += cut) {
            const chunk = cut >= value.length ? value : value.subarray(start, start + cut);
            options.onChunk?.(chunk.length);
            yield chunk;
          }
        }
      } finally {
        reader.releaseLock();
      }
    },
  };
}

/** The whole source in memory (workbooks), or the bytes themselves. */
export async function allBytes(input: Uint8Array | ByteSource): Promise<Uint8Array> {
  return isByteSource(input) ? input.read(0, input.size) : input;
}
