import type { CellValue } from './grid';
import { type DateContext, type TargetReading, readTarget } from './dates';
import { detach } from './memo';

// Target dates repeat down a column, across tables and across trackers
// (`31/03/2025`, `Q2 2025/26`, `TBC`), and their reading depends only on the cell
// and the date context, which tables share unless their reporting dates differ: so
// each distinct cell is read once per context. Readings are shared, so never mutated.

/** The readings of one date context, by cell. */
export interface TargetCache {
  dateCtx: DateContext;
  /** By the cell's text. */
  text: Map<string, TargetReading>;
  /** By the number, then its format: keys made without building a string per cell. */
  number: Map<number, Map<string, TargetReading>>;
  /** Empty cells and booleans. */
  other: Map<boolean | null, TargetReading>;
}

/** Bounded: a column of unique long texts must not keep them all. */
const TARGET_CACHE_LIMIT = 10_000;

/** Date contexts whose readings are kept: a roll-up's trackers share one or two. */
const CONTEXTS_KEPT = 8;

/**
 * The caches, one per date context, kept from one recalculation to the next: a
 * reading depends on nothing but the cell and the context, so sharing changes no
 * answer, and `ragbook rollup` reads 100s of trackers whose dates repeat
 * (`31/03/2025`, `Q2 2025/26`) in one thread. The oldest context goes first.
 */
const caches = new Map<string, TargetCache>();

/** The cache of each date context. */
export function createTargetCaches(): (dateCtx: DateContext) => TargetCache {
  return (dateCtx) => {
    // The whole context is the key, so a field added to it one day cannot be forgotten here.
    const key = JSON.stringify(dateCtx);
    let cache = caches.get(key);
    if (!cache) {
      if (caches.size >= CONTEXTS_KEPT) caches.delete(caches.keys().next().value as string);
      caches.set(key, (cache = { dateCtx, text: new Map(), number: new Map(), other: new Map() }));
    }
    return cache;
  };
}

/**
 * A target cell's reading (its value and number format) in the cache's date
 * context. A plain function rather than a closure per cache: it is called for every
 * row, and one function is one call target for the optimiser, run after run.
 */
export function readTargetCached(cache: TargetCache, value: CellValue, format: string | null): TargetReading {
  const dateCtx = cache.dateCtx;
  if (typeof value === 'string') {
    let reading = cache.text.get(value);
    if (!reading) {
      if (cache.text.size >= TARGET_CACHE_LIMIT) cache.text.clear();
      const own = detach(value);
      cache.text.set(own, (reading = readTarget(own, format, dateCtx)));
    }
    return reading;
  }
  if (typeof value !== 'number') {
    let reading = cache.other.get(value);
    if (!reading) cache.other.set(value, (reading = readTarget(value, format, dateCtx)));
    return reading;
  }
  let byFormat = cache.number.get(value);
  if (!byFormat) {
    if (cache.number.size >= TARGET_CACHE_LIMIT) cache.number.clear();
    cache.number.set(value, (byFormat = new Map()));
  }
  const f = format ?? '';
  let reading = byFormat.get(f);
  if (!reading) byFormat.set(f, (reading = readTarget(value, format, dateCtx)));
  return reading;
}
