import { type DateContext, isDateFormat, readTarget } from '../dates';
import type { CellValue } from '../grid';
import { detach } from '../memo';
import type { Settings } from '../settings';
import { type StatusReader, createStatusReader } from '../status';
import { type SummaryLabeller, createSummaryLabeller } from '../vocabulary/summary-labels';

// Detection asks a few questions of single cells ("is this a status word?", "is
// this a date?"). The answers come from the readers that read the rows themselves
// (status.ts, dates.ts, the summary labels), through this one interface, so a word
// or a date form those readers learn is known to detection as well.

export interface CellReaders {
  /** A progress word as the status reader reads it: a known spelling or a near miss of one. */
  isProgressWord(v: CellValue): boolean;
  /** A RAG rating in words or letters (`Green`, `A/G`, `Blue (complete)`). */
  isRatingWord(v: CellValue): boolean;
  /** A target the date reader can place or name: a date, a month, a quarter, `TBC`, `Ongoing`. */
  isDateLike(v: CellValue, format: string | null): boolean;
  /** A share done: a number under a % format, `50%`. */
  isPercentLike(v: CellValue, format: string | null): boolean;
  /** The labels of hand-typed summary blocks and keys: the status words, settings' synonyms too. */
  summaryLabel: SummaryLabeller;
  status: StatusReader;
}

/** Target texts are short; longer text is a sentence, never read as a date here. */
const MAX_DATE_TEXT = 60;
const CACHE_LIMIT = 10_000;
const PERCENT_TEXT = /^\s*\d{1,3}(?:\.\d+)?\s*%\s*$/;

/** Date contexts whose answers are kept: a roll-up's trackers share one or two. */
const CONTEXTS_KEPT = 8;
const dateAnswers = new Map<string, Map<string, boolean>>();

/**
 * Whether a text is a date, by date context, kept from one workbook to the next:
 * the answer depends on nothing else, and `ragbook rollup` reads 100s of trackers
 * whose target texts repeat, in one thread.
 */
function dateTextAnswers(dateCtx: DateContext): Map<string, boolean> {
  const key = JSON.stringify(dateCtx);
  let answers = dateAnswers.get(key);
  if (!answers) {
    if (dateAnswers.size >= CONTEXTS_KEPT) dateAnswers.delete(dateAnswers.keys().next().value as string);
    dateAnswers.set(key, (answers = new Map()));
  }
  return answers;
}

export function createCellReaders(settings: Settings, date1904: boolean, shared?: StatusReader): CellReaders {
  const status = shared ?? createStatusReader(settings.statusSynonyms);
  const summaryLabel = createSummaryLabeller(settings.statusSynonyms);
  const dateCtx: DateContext = { locale: settings.locale, fyStartMonth: settings.financialYearStartMonth, date1904, referenceDate: null };
  const dateText = dateTextAnswers(dateCtx);

  return {
    status,
    summaryLabel,
    isProgressWord(v) {
      if (typeof v !== 'string' || v.length > 60) return false;
      const how = status.progress(v).how;
      return how === 'exact' || how === 'synonym' || how === 'near-miss';
    },
    isRatingWord(v) {
      if (typeof v !== 'string' || v.length > 60) return false;
      const how = status.rating(v).how;
      return how === 'exact' || how === 'letter' || how === 'synonym';
    },
    isDateLike(v, format) {
      if (typeof v === 'number') return format !== null && isDateFormat(format);
      if (typeof v !== 'string' || v.length > MAX_DATE_TEXT) return false;
      let known = dateText.get(v);
      if (known === undefined) {
        const state = readTarget(v, null, dateCtx).state;
        // An impossible date (31/02/2025) is still a date someone meant to type.
        known = state !== 'free-text' && state !== 'empty';
        if (dateText.size >= CACHE_LIMIT) dateText.clear();
        dateText.set(detach(v), known);
      }
      return known;
    },
    isPercentLike(v, format) {
      if (typeof v === 'number') return format !== null && format.includes('%');
      return typeof v === 'string' && PERCENT_TEXT.test(v);
    },
  };
}
