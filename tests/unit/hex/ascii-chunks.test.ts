import { describe, expect, it } from 'vitest';
import { AsciiChunks } from '../../../src/lib/hex/ascii-chunks.ts';
import { SeededRandom } from '../../../src/lib/random.ts';

/** `write` into a fresh writer, decoded. */
function written(write: (out: AsciiChunks) => void): string {
  const out = new AsciiChunks();
  write(out);
  return Buffer.concat(out.finish()).toString('utf8');
}

describe('AsciiChunks (the hexagon GeoJSON bytes)', () => {
  it('prints numbers as toFixed does, for longitudes and latitudes of every sign and size', () => {
    const random = new SeededRandom(7);
    const values = [0, -0, 1e-9, -1e-9, 0.5e-7, -0.00000004, 110, -7, 180, -180, 109.9999999999, 1234567.1];
    for (let i = 0; i < 20_000; i++) values.push((random.float() * 2 - 1) * [1e-8, 1e-3, 1, 180][i % 4]);
    for (const decimals of [7, 3, 1]) {
      const texts = written((out) => values.forEach((v) => (out.fixed(v, decimals), out.text(' ')))).split(
        ' ',
      );
      values.forEach((v, i) => {
        const text = texts[i];
        expect(text).toMatch(new RegExp(`^-?\\d+\\.\\d{${decimals}}$`));
        const unit = 10 ** -decimals;
        // toFixed's digits, except on a half of the last digit (both are then within half a unit)
        const tie = Math.abs((Math.abs(v / unit) % 1) - 0.5) < 1e-6;
        if (!tie) expect(Number(text) + 0, `${v}`).toBe(Number(v.toFixed(decimals)) + 0); // + 0: −0 = 0
        expect(Math.abs(Number(text) - v)).toBeLessThanOrEqual(unit / 2 + 1e-9);
      });
    }
  });

  it('joins text and numbers across chunks into one valid document', () => {
    const cells = Array.from({ length: 200_000 }, (_, i) => [i, -i / 7]);
    const text = written((out) => {
      out.text('[');
      cells.forEach(([x, y], i) => {
        out.text(i === 0 ? '[' : ',[');
        out.fixed(x, 7);
        out.text(',');
        out.fixed(y, 7);
        out.text(']');
      });
      out.text(']');
    });
    expect(text.length).toBeGreaterThan(4 << 20); // more than one chunk
    const parsed = JSON.parse(text) as number[][];
    expect(parsed.length).toBe(cells.length);
    const wrong = parsed.filter(
      ([x, y], i) => x !== cells[i][0] || Math.abs(y - cells[i][1]) > 0.5e-7 + 1e-9,
    );
    expect(wrong).toEqual([]);
  });

  it('refuses text that is not ASCII', () => {
    expect(() => written((out) => out.text('Kab. Kendal é'))).toThrow(RangeError);
    expect(written((out) => out.text('Kab. Kendal'))).toBe('Kab. Kendal');
  });
});
