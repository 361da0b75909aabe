import type { WorkbookGrid } from '../../core/grid';
import type { Plan } from '../../core/plan-schema';
import type { ApplyOutcome, OwnedSheet, Progress, WorkbookAdapter } from '../adapter';
import type { ZipCodec } from './codec';
import { readXlsx } from './read';
import { applyPlanToXlsx, saveSettingsToXlsx } from './write';

// An .xlsx file held in memory behind the host contract (workbook/adapter.ts): the
// command line and the browser preview use it as the pane uses the open workbook.
// Every change makes new bytes (the writer never edits in place), held here until
// the caller takes them with `bytes`; the original bytes are never changed.

export interface XlsxWorkbookOptions {
  /** Inflation, deflation and CRC-32; the pure JavaScript codec when not given (the command passes Node's zlib). */
  codec?: ZipCodec;
  /** Upper bound on what the package unpacks to; the reader's default (1 GiB) when not given. */
  maxUncompressedBytes?: number;
}

export class XlsxWorkbook implements WorkbookAdapter {
  private current: Uint8Array;
  /** The grid of `current`, once read: reading the same bytes twice gives the same grid. */
  private grid: WorkbookGrid | null = null;

  constructor(
    bytes: Uint8Array,
    /** The file's name, shown on the summary and in every message about the file. */
    readonly fileName: string,
    private readonly opts: XlsxWorkbookOptions = {},
  ) {
    this.current = bytes;
  }

  /** The file as it is now, with every plan and setting applied so far. */
  get bytes(): Uint8Array {
    return this.current;
  }

  /**
   * The grid, read at once: for callers that hold the file already and want its
   * WorkbookFileError where they open it (the preview, the command line).
   */
  readGrid(onProgress?: Progress): WorkbookGrid {
    this.grid ??= readXlsx(this.current, this.fileName, { ...this.opts, onProgress }).grid;
    return this.grid;
  }

  async readWorkbook(onProgress?: Progress): Promise<WorkbookGrid> {
    return this.readGrid(onProgress);
  }

  async applyPlan(plan: Plan, _onProgress?: Progress): Promise<ApplyOutcome> {
    const out = applyPlanToXlsx(this.current, plan, { codec: this.opts.codec });
    this.replace(out.bytes);
    return { written: out.written };
  }

  async readSettings(): Promise<unknown> {
    return this.readGrid().settings;
  }

  async saveSettings(json: string): Promise<void> {
    this.replace(saveSettingsToXlsx(this.current, json, { codec: this.opts.codec }));
  }

  async ownSheets(): Promise<OwnedSheet[]> {
    return this.readGrid().sheets.flatMap((s) => (s.owned ? [{ name: s.name, role: s.owned }] : []));
  }

  private replace(bytes: Uint8Array): void {
    this.current = bytes;
    this.grid = null;
  }
}
