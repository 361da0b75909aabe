import { a1 } from './grid';
import type { Workstream } from './model';

// Where things are on the user's sheets, for links from Ragbook's sheets and the
// pane's Go to buttons. The pane imports this module, so it stays free of zod.

/** The first cell of a work stream's table: its title row, else its header row. */
export function tableStart(w: Pick<Workstream, 'titleRow' | 'area'>): string {
  return a1(w.titleRow ?? w.area.r1, w.titleRow === null ? w.area.c1 : 0);
}

/** The column a row is known by: where the status is typed, else the rating, the action, the target. */
export function statusColumn(w: Pick<Workstream, 'progressColumn' | 'ratingColumn' | 'columns' | 'area'>): number {
  return w.progressColumn ?? w.ratingColumn ?? w.columns.action ?? w.columns.target ?? w.area.c1;
}
