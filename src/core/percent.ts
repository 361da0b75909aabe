// Shares shown as whole percents, the way trackers type them. The pane's first
// bundle imports this module, so it stays free of zod and of the engine.

/** Rounds a share half up to a whole percent, as trackers show them: 8 of 12 is 67%, 0.285 is 29%. */
export function wholePercent(fraction: number): number {
  // The epsilon keeps 0.285 * 100 = 28.499999… from rounding down. Integer arithmetic
  // on n and total would be exact for counts, but a share such as the Static
  // threshold arrives as a fraction already.
  return Math.floor(fraction * 100 + 0.5 + 1e-9);
}

/** A share as people read it: `67%`. A typed 28.5% (0.285) shows as 29%, as Excel shows it. */
export function percentText(fraction: number): string {
  return `${wholePercent(fraction)}%`;
}

/** Said where a share would be: no action's progress was counted (none still counts, or the table records none). */
export const NOTHING_COUNTED = 'none counted';

/** A share as people read it, or the words for nothing counted: never a made-up 0%. */
export function shareText(fraction: number | null): string {
  return fraction === null ? NOTHING_COUNTED : percentText(fraction);
}
