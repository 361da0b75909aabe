import * as fs from 'node:fs';
import * as path from 'node:path';
import { recalculate } from '../../src/core/engine';
import type { EngineResult } from '../../src/core/model';
import type { Report } from '../../src/core/report';
import { toReport } from '../../src/core/to-report';
import { readXlsx } from '../../src/workbook/xlsx/read';

// A fixture folder's workbooks as Ragbook judges them. Hundreds of tests look at the
// same workbook, so each is read and recalculated once and the answer kept.

export interface Judged {
  result: EngineResult;
  report: Report;
  date1904: boolean;
}

export interface JudgedAt {
  asOf: string;
  now: Date;
}

/** A reader of the workbooks under `dir` (by path relative to it), each judged at `at` on first asking. */
export function judgedIn(dir: string, at: JudgedAt): (rel: string) => Judged {
  const judged = new Map<string, Judged>();
  return (rel) => {
    let r = judged.get(rel);
    if (!r) {
      const bytes = new Uint8Array(fs.readFileSync(path.join(dir, rel)));
      const { grid } = readXlsx(bytes, path.basename(rel));
      const result = recalculate(grid, { asOf: at.asOf, now: at.now }).result;
      r = { result, report: toReport(result), date1904: grid.date1904 };
      judged.set(rel, r);
    }
    return r;
  };
}
