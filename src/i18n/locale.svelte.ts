import { en } from './en.ts';
import { id, type Dictionary, type MessageKey } from './id.ts';
import {
  formatCount,
  formatDecimal,
  formatPercent,
  type Locale as NumberLocale,
} from '../lib/format/number.ts';
import type { IndicatorKind } from '../lib/indicators/catalogue.ts';
import { publishedText, type Published } from '../lib/publish/published.ts';
import type { Message } from '../lib/messages/message.ts';
import { renderMessage } from '../lib/messages/render.ts';

export type Language = 'id' | 'en';

const dictionaries: Record<Language, Dictionary> = { id, en };
const numberLocales: Record<Language, NumberLocale> = { id: 'id-ID', en: 'en-GB' };
const STORAGE_KEY = 'kantong.lang';

function initialLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

/** The UI language (Indonesian by default), its messages and its number format. */
export class Locale {
  lang = $state<Language>(initialLanguage());

  t(key: MessageKey, params: Record<string, string | number> = {}): string {
    return dictionaries[this.lang][key].replace(/\{(\w+)\}/g, (_, name: string) =>
      String(params[name] ?? `{${name}}`),
    );
  }

  /** Messages whose key is built at run time (e.g. `indicator.${id}`); typed by the caller's union. */
  tk(key: string, params: Record<string, string | number> = {}): string {
    return this.t(key as MessageKey, params);
  }

  count(value: number): string {
    return formatCount(value, numberLocales[this.lang]);
  }

  percent(share: number, digits = 1): string {
    return formatPercent(share, numberLocales[this.lang], digits);
  }

  decimal(value: number, digits = 1): string {
    return formatDecimal(value, numberLocales[this.lang], digits);
  }

  /** An indicator value in its unit: 9,4% · 1.234 · 56,7/km² · +1,2 poin · −35. */
  value(kind: IndicatorKind, value: number | null): string {
    if (value === null || !Number.isFinite(value)) return '–';
    const sign = (v: number) => (v > 0 ? '+' : v < 0 ? '−' : '±');
    switch (kind) {
      case 'share':
        return this.percent(value);
      case 'count':
        return this.count(value);
      case 'density':
        return `${this.decimal(value)}/km²`;
      case 'change_share':
        return `${sign(value)}${this.decimal(Math.abs(value) * 100)} ${this.lang === 'id' ? 'poin' : 'pts'}`;
      case 'change_count':
        return `${sign(value)}${this.count(Math.abs(value))}`;
    }
  }

  /** A core message (code + parameters) in the UI language. */
  message(m: Message): string {
    return renderMessage(m, this.lang);
  }

  /**
   * A figure from the publication layer in an indicator's unit: the value, `< bound`, the "withheld" mark
   * (`×`, or the word with `long`) or `–` for no data. Nothing else may put a count on screen.
   */
  shown(kind: IndicatorKind, p: Published, long = false): string {
    return publishedText(p, {
      format: (v) => this.value(kind, v),
      hidden: long ? this.t('published.hidden') : '×',
      none: '–',
    });
  }

  /** A published household count (see {@link shown}). */
  shownCount(p: Published, long = false): string {
    return this.shown('count', p, long);
  }

  toggle(): void {
    this.lang = this.lang === 'id' ? 'en' : 'id';
    try {
      localStorage.setItem(STORAGE_KEY, this.lang);
    } catch {
      // Private mode or storage disabled: the choice lasts for this visit only.
    }
    document.documentElement.lang = this.lang;
  }
}

export const locale = new Locale();
