// The readers built from settings (status words, header words) take longer to build
// than a small tracker takes to read, and ragbook rollup reads 100s of trackers with
// the same settings: so each is built once per distinct settings and shared. They
// hold only caches of answers that depend on nothing but those settings, so sharing
// one between recalculations changes no answer.

/** How many distinct settings are kept: a roll-up's trackers carry a few at most. */
const KEPT = 8;

/**
 * `make`, remembered by its input's JSON (the same words in the same order are the
 * same input); the least recently used goes first when more are asked for.
 */
export function memoByJson<I, O>(make: (input: I) => O): (input: I) => O {
  const made = new Map<string, O>();
  return (input) => {
    const key = JSON.stringify(input ?? null);
    let out = made.get(key);
    if (out === undefined) {
      out = make(input);
      if (made.size >= KEPT) made.delete(made.keys().next().value as string);
    } else made.delete(key);
    made.set(key, out);
    return out;
  };
}

/**
 * A copy of a text that keeps nothing else alive, for the caches kept from one
 * workbook to the next. A cell's text is cut from the decoded text of its sheet,
 * and V8 keeps a cut of 13 characters or more as a view of the whole (64 KB and
 * up): a cache holding the cut would hold that too, for every tracker of a roll-up.
 * Joining forces a fresh flat string, and the cut of it is a view of that alone.
 */
export function detach(s: string): string {
  return (' ' + s).slice(1);
}
