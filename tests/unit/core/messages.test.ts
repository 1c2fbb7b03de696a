/**
 * The core's messages: every code reads in both languages with every parameter filled, numbers are formatted
 * per language, errors and reports carry codes that render in either language, and no rendered message of an
 * import carries an identifier from the file.
 */
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/lib/import/errors.ts';
import { REJECT_REASONS, reasonLabel } from '../../../src/lib/import/reasons.ts';
import { messagesEn, messagesId, type MessageCode } from '../../../src/lib/messages/dictionary.ts';
import { MessageError, msg, type MessageParams } from '../../../src/lib/messages/message.ts';
import { renderMessage } from '../../../src/lib/messages/render.ts';
import { importFixture } from '../import/helpers.ts';

const CODES = Object.keys(messagesId) as MessageCode[];
/** Codes whose text is the same in both languages on purpose: names of statistics. */
const SAME_IN_BOTH: MessageCode[] = [
  'stats.moran',
  'stats.geary',
  // programme names are names in both languages
  ...(['pkh', 'bpnt', 'pbi_jk', 'pbi_apbd', 'blt', 'blt_dd', 'bst', 'pip'] as const).map(
    (p) => `needs.programme.${p}` as MessageCode,
  ),
];

const paramsOf = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message dictionaries', () => {
  it('give every code a text in both languages with the same parameters', () => {
    expect(CODES.length).toBeGreaterThan(100);
    for (const code of CODES) {
      expect(messagesEn[code], code).toBeTypeOf('string');
      expect(messagesEn[code].trim(), code).not.toBe('');
      expect(paramsOf(messagesEn[code]), code).toEqual(paramsOf(messagesId[code]));
    }
    expect(Object.keys(messagesEn).sort()).toEqual([...CODES].sort());
  });

  it('render every code in both languages with no parameter left unfilled', () => {
    for (const code of CODES) {
      const params: MessageParams = {};
      paramsOf(messagesId[code]).forEach((name, i) => (params[name] = i % 2 === 0 ? 12345 : `x${i}`));
      for (const lang of ['id', 'en'] as const) {
        const text = renderMessage(msg(code, params), lang);
        expect(text, `${code} (${lang})`).not.toMatch(/\{\w+\}/);
        if (Object.keys(params).length > 0) expect(text, code).toMatch(/12[.,]345|x\d/);
      }
    }
  });

  it('have no Indonesian text that is also the English one, except names', () => {
    const same = CODES.filter((code) => messagesId[code] === messagesEn[code]);
    expect(same).toEqual(SAME_IN_BOTH);
  });

  it('label every reject reason in both languages', () => {
    for (const reason of REJECT_REASONS) {
      const id = renderMessage(reasonLabel(reason), 'id');
      const en = renderMessage(reasonLabel(reason), 'en');
      expect(id, reason).not.toBe(en);
      expect(en, reason).not.toMatch(/\b(baris|kolom|tidak|kosong|bukan)\b/);
    }
  });
});

describe('rendering', () => {
  const line = msg('import.rejectedRows', {
    file: 'a.csv',
    count: 20000,
    reason: reasonLabel('desil_out_of_range'),
    column: msg('import.column', { column: 'DESIL' }),
    rows: [1234, 56789],
    more: ', ...',
  });

  it('formats numbers, number lists and nested messages in the language', () => {
    expect(renderMessage(line, 'id')).toBe(
      'a.csv: 20.000 baris ditolak — desil di luar 1–10 (kolom DESIL); baris 1.234, 56.789, ...',
    );
    expect(renderMessage(line, 'en')).toBe(
      'a.csv: 20,000 rows rejected — desil outside 1–10 (column DESIL); rows 1,234, 56,789, ...',
    );
    const decimal = msg('guardrail.noVariance', { value: 0.2375 });
    expect(renderMessage(decimal, 'id')).toMatch(/^semua nilai sama dengan 0,2375:/);
    expect(renderMessage(decimal, 'en')).toMatch(/^every value equals 0\.2375:/);
  });

  it('leaves text parameters as they are and shows an unknown parameter as written', () => {
    const text = renderMessage(msg('import.error.empty_file', { file: '2025.1000.csv' }), 'en');
    expect(text).toBe('2025.1000.csv: empty file (0 bytes).');
    expect(renderMessage(msg('import.error.empty_file'), 'id')).toBe('{file}: file kosong (0 byte).');
  });

  it('gives a MessageError the Indonesian text and keeps the message for other languages', () => {
    const error = new ImportError('empty_file', msg('import.error.empty_file', { file: 'k.csv' }), 'k.csv');
    expect(error).toBeInstanceOf(MessageError);
    expect(error.message).toBe('k.csv: file kosong (0 byte).');
    expect(renderMessage(error.detail, 'en')).toBe('k.csv: empty file (0 bytes).');
  });
});

describe('messages of an import', () => {
  it('render in both languages, name the file, and carry no identifier from it', async () => {
    const result = await importFixture('households-problems.csv');
    const r = result.report;
    const all = [...r.messages, ...r.warnings];
    expect(r.messages.length).toBe(Object.keys(r.rejected_by_reason).length);
    for (const m of all)
      for (const lang of ['id', 'en'] as const) {
        const text = renderMessage(m, lang);
        expect(text).toMatch(/^households-problems\.csv: /);
        expect(text).not.toMatch(/\d{14,}/);
        expect(text).not.toMatch(/WARGA|DUSUN|RT 0/);
      }
    const en = r.messages.map((m) => renderMessage(m, 'en'));
    expect(en).toContain(
      'households-problems.csv: 2 rows rejected — desil outside 1–10 (column DESIL_NASIONAL); rows 4, 5',
    );
  });

  it('say in either language why a file was refused', async () => {
    const error = (await importFixture('other-kabupaten.csv').catch((e: unknown) => e)) as ImportError;
    expect(error.code).toBe('nothing_joined');
    expect(renderMessage(error.detail, 'en')).toBe(
      'other-kabupaten.csv: no row could be joined to a desa of 33.24: 3 of 3 rows — desa code of another ' +
        'kabupaten/kota (column KODE_DESA), from row 2; this file is for another kabupaten/kota, not 33.24.',
    );
  });
});
