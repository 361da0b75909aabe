import { STYLES } from '../../core/plan';
import type { Rollup, RollupContext } from '../../core/rollup';
import { DirectorateAggregate } from '../../core/rollup-aggregate';
import { ACTIONS_HEAD_ROWS } from '../../core/rollup-plan';
import { DIRECTORATE_SHEETS } from '../../core/rollup-sheets';
import { type ZipCodec, jsCodec } from './codec';
import { SheetBody, newWorkbookFormats, newWorkbookFromPlan } from './write';

// The directorate workbook (ragbook rollup, and the preview's several files) made as
// the trackers are read: each tracker's outcome is added to the aggregate as it
// comes, and its actions are packed into All actions as soon as their turn comes,
// so a directorate's 100,000s of actions are never held as rows, only as the
// compressed sheet they become.

export class DirectorateWorkbook {
  readonly aggregate: DirectorateAggregate;
  private readonly actions: SheetBody;

  constructor(private readonly codec: ZipCodec = jsCodec) {
    const actions = new SheetBody(codec, newWorkbookFormats(STYLES), ACTIONS_HEAD_ROWS);
    this.actions = actions;
    this.aggregate = new DirectorateAggregate((block) => actions.add(block.rows, block.heights));
  }

  /** The directorate's figures and its workbook; throws XlsxWriteError when it cannot be written. */
  finish(ctx: RollupContext & { settingsJson: string }): { rollup: Rollup; bytes: Uint8Array; written: string[] } {
    const { rollup, plan } = this.aggregate.finish(ctx);
    const { bytes, written } = newWorkbookFromPlan(plan, {
      codec: this.codec,
      bodies: new Map([[DIRECTORATE_SHEETS.actions, this.actions]]),
    });
    return { rollup, bytes, written };
  }
}
