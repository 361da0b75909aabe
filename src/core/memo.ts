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
