import { en } from './en.ts';
import { id, type Dictionary, type MessageKey } from './id.ts';
import { formatCount, formatPercent, type Locale as NumberLocale } from '../lib/format/number.ts';

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

  count(value: number): string {
    return formatCount(value, numberLocales[this.lang]);
  }

  percent(share: number, digits = 1): string {
    return formatPercent(share, numberLocales[this.lang], digits);
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
