/**
 * ASCII text written straight into byte chunks: the GeoJSON of a province's hexagons at res 9 (345,000
 * cells, 7 million coordinates, ~100 MB) as strings spent most of its time in the garbage collector (3.7 of
 * 6.2 s in a profile); written as bytes it makes no string per number and the chunks go into a Blob as they
 * are. Only ASCII: every byte is one character, so the chunks are valid UTF-8.
 */
const CHUNK_BYTES = 4 << 20;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;

export class AsciiChunks {
  readonly #chunks: Uint8Array<ArrayBuffer>[] = [];
  #buffer = new Uint8Array(CHUNK_BYTES);
  #at = 0;

  /** Room for `bytes` more in the current chunk (a new chunk when it is full). */
  #reserve(bytes: number): void {
    if (this.#at + bytes <= this.#buffer.length) return;
    this.#chunks.push(this.#buffer.subarray(0, this.#at));
    this.#buffer = new Uint8Array(Math.max(CHUNK_BYTES, bytes));
    this.#at = 0;
  }

  /** Appends `text`, which must be ASCII (a RangeError otherwise: it would not be one byte a character). */
  text(text: string): void {
    this.#reserve(text.length);
    const buffer = this.#buffer;
    let at = this.#at;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code > 127) throw new RangeError(`not ASCII: ${JSON.stringify(text)}`);
      buffer[at++] = code;
    }
    this.#at = at;
  }

  /**
   * Appends `v` with `decimals` decimals (0 < decimals ≤ 9), the digits of `Math.round(v · 10^decimals)`:
   * what `v.toFixed(decimals)` prints except on an exact half of the last digit, which rounds up (as
   * `Math.round`) and never to "−0.000…". `v` must be finite with |v| < 2^53 / 10^decimals.
   */
  fixed(v: number, decimals: number): void {
    const scale = 10 ** decimals;
    let k = Math.round(v * scale);
    this.#reserve(decimals + 18);
    const buffer = this.#buffer;
    let at = this.#at;
    if (k < 0) {
      buffer[at++] = MINUS;
      k = -k;
    }
    let whole = Math.floor(k / scale);
    let fraction = k - whole * scale;
    // whole part: digits written backwards, then reversed in place
    const start = at;
    do {
      const next = Math.floor(whole / 10);
      buffer[at++] = ZERO + (whole - next * 10);
      whole = next;
    } while (whole > 0);
    for (let i = start, j = at - 1; i < j; i++, j--) {
      const t = buffer[i];
      buffer[i] = buffer[j];
      buffer[j] = t;
    }
    buffer[at++] = DOT;
    for (let place = scale / 10; place >= 1; place /= 10) {
      const digit = Math.floor(fraction / place);
      buffer[at++] = ZERO + digit;
      fraction -= digit * place;
    }
    this.#at = at;
  }

  /** The chunks written so far (the writer must not be used afterwards). */
  finish(): Uint8Array<ArrayBuffer>[] {
    if (this.#at > 0) this.#chunks.push(this.#buffer.subarray(0, this.#at));
    this.#at = 0;
    return this.#chunks;
  }
}
