import { type WorkbookGrid, a1, cellAt, sheetRef, textOf } from './grid';
import { isoToDay } from './dates';
import { type Finding, type Severity, finding } from './findings';
import type { EngineResult, Workstream } from './model';
import { type Colours, RAG_COLOURS, SEVERITY_COLOURS } from './palette';
import type { ConditionalFormat, Plan, PlanCell, PlanSheet, StyleDef, StyleName } from './plan-schema';
import type { OwnedRole } from './grid';
import type { Figures, Rag } from './report';
import type { Settings } from './settings';
import { SHEET_NAME_LIMIT, cleanSheetName } from './sheet-names';
import { RAG_WORDS } from './vocabulary/ratings';
import { NOTHING_COUNTED, wholePercent } from './percent';

// Plans the three sheets Ragbook owns: RAG Summary, RAG Issues, RAG History. Every
// value is a plain cell that reads correctly without the add-in: the RAG word sits
// in its coloured cell, links are HYPERLINK formulas (they work in Excel and
// LibreOffice), and text from the tracker is only ever a value, never a formula.

export interface SheetTarget {
  role: OwnedRole;
  name: string;
  replaces: string | null;
}

/**
 * Chooses where each Ragbook sheet goes. A sheet Ragbook marked is replaced; a
 * sheet of the wanted name that Ragbook did not create is never touched: the new
 * sheet goes beside it under a free name, and a finding says so.
 */
export function chooseSheetNames(wb: WorkbookGrid, settings: Settings): { targets: SheetTarget[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const used = new Set(wb.sheets.map((s) => s.name.toLowerCase()));
  const targets: SheetTarget[] = [];
  for (const role of ['summary', 'issues', 'history'] as const) {
    const desired = cleanSheetName(settings.sheetNames[role]);
    const mine = wb.sheets.find((s) => s.owned === role && !targets.some((t) => t.replaces === s.name));
    if (mine) used.delete(mine.name.toLowerCase());
    let name = desired;
    if (used.has(name.toLowerCase())) {
      for (let i = 2; used.has(name.toLowerCase()); i++) {
        const suffix = ` (${i})`;
        name = desired.slice(0, SHEET_NAME_LIMIT - suffix.length) + suffix;
      }
      findings.push(finding('sheet.name-taken', { sheet: desired, cell: 'A1', workstream: null }, { wanted: desired, written: name }));
    }
    used.add(name.toLowerCase());
    targets.push({ role, name, replaces: mine ? mine.name : null });
  }
  return { targets, findings };
}

export const STYLES: Record<StyleName, StyleDef> = {
  title: { bold: true, size: 16, color: '#1F3864' },
  subtitle: { bold: true, size: 12, color: '#1F3864' },
  header: { bold: true, fill: '#1F3864', color: '#FFFFFF', wrap: true, border: true },
  text: { border: true },
  wrap: { wrap: true, border: true },
  integer: { numberFormat: '0', border: true, align: 'right' },
  percent: { numberFormat: '0%', border: true, align: 'right' },
  date: { numberFormat: 'd mmmm yyyy', align: 'left' },
  datetime: { numberFormat: 'd mmmm yyyy hh:mm', align: 'left' },
  link: { color: '#0563C1', underline: true, border: true },
  total: { bold: true, border: true, fill: '#D9E1F2' },
  totalPercent: { bold: true, border: true, fill: '#D9E1F2', numberFormat: '0%', align: 'right' },
  ...ragStyles(),
  'sev-error': { bold: true, fill: SEVERITY_COLOURS.error.fill, color: SEVERITY_COLOURS.error.text, border: true },
  'sev-warning': { bold: true, fill: SEVERITY_COLOURS.warning.fill, color: SEVERITY_COLOURS.warning.text, border: true },
  'sev-info': { fill: SEVERITY_COLOURS.info.fill, color: SEVERITY_COLOURS.info.text, border: true },
};

function ragStyles(): Record<`rag-${Rag}`, StyleDef> {
  const out = {} as Record<`rag-${Rag}`, StyleDef>;
  for (const [rag, c] of Object.entries(RAG_COLOURS) as [Rag, Colours][]) {
    out[`rag-${rag}`] = { bold: true, fill: c.fill, color: c.text, align: 'center', border: true };
  }
  return out;
}

const text = (value: string | null, style: StyleName = 'text'): PlanCell => ({ value, style });
const num = (value: number | null, style: StyleName = 'integer'): PlanCell => ({ value, style });
const plain = (value: string | number | null, style?: StyleName): PlanCell => (style ? { value, style } : { value });

/** A share of the actions that still count; where nothing was counted, words rather than 0%. */
const share = (value: number | null, style: StyleName): PlanCell => (value === null ? text(NOTHING_COUNTED, style) : num(value, style));

/** A link that jumps to a cell: a HYPERLINK formula, whose cached value is the label. */
export function linkCell(sheet: string, cell: string, label: string, style: StyleName = 'link', head = linkHead(sheet)): PlanCell {
  const shown = label.length > 250 ? label.slice(0, 249) + '…' : label;
  // An A1 address has no quotes to double, so it goes into the string as it is.
  return { value: shown, formula: `${head}${cell}",${formulaString(shown)})`, style };
}

/** `HYPERLINK("#'Sheet'!` : the part of a link to a sheet that comes before the cell. */
export function linkHead(sheet: string): string {
  return `HYPERLINK(${formulaString(`#${sheetRef(sheet, '')}`).slice(0, -1)}`;
}

/** A string literal inside a formula: quotes doubled. */
function formulaString(s: string): string {
  return s.includes('"') ? `"${s.replace(/"/g, '""')}"` : `"${s}"`;
}

/** Excel serial number for an ISO date in the workbook's date system. */
function serialOf(iso: string, date1904: boolean): number {
  return isoToDay(iso) + (date1904 ? 24107 : 25569);
}

function localSerial(d: Date, date1904: boolean): number {
  const day = Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86400000;
  const fraction = (d.getHours() * 3600 + d.getMinutes() * 60 + d.getSeconds()) / 86400;
  return day + (date1904 ? 24107 : 25569) + fraction;
}

const SUMMARY_HEADER = [
  'Work stream',
  'Sheet',
  'Actions',
  'Completed',
  'In progress',
  'Static',
  'Not started',
  'Other',
  '% Completed',
  '% In progress',
  'Overdue',
  'RAG',
];
// The summary counts the five-point scale's in-betweens under Amber, so a column per plain colour.
const RATING_HEADER: string[] = RAG_WORDS.filter((w) => !w.includes('/'));

function figureCells(f: Figures, ratingsOnly: boolean, hasRatings: boolean, bold: boolean): PlanCell[] {
  const c = f.counts;
  const i: StyleName = bold ? 'total' : 'integer';
  const p: StyleName = bold ? 'totalPercent' : 'percent';
  const cells: PlanCell[] = ratingsOnly
    ? [num(c.total, i), num(null, i), num(null, i), num(null, i), num(null, i), num(null, i), num(null, p), num(null, p)]
    : [
        num(c.total, i),
        num(c.completed, i),
        num(c.inProgress, i),
        num(c.static, i),
        num(c.notStarted, i),
        num(c.unrecognised + c.noStatus, i),
        share(f.percent.completed, p),
        share(f.percent.inProgress, p),
      ];
  cells.push(num(f.overdue, i), text(f.rag, `rag-${f.rag}`));
  if (hasRatings) {
    const r = f.ratings;
    cells.push(num(r.blue, i), num(r.green, i), num(r.amber + r.amberGreen + r.amberRed, i), num(r.red, i));
  }
  return cells;
}

function summarySheet(result: EngineResult, target: SheetTarget, issuesName: string, date1904: boolean): PlanSheet {
  const hasRatings = result.workstreams.some((w) => w.kind === 'ratings' || w.kind === 'both');
  const header = SUMMARY_HEADER.concat(hasRatings ? RATING_HEADER : [], ['Hand-typed summary']);
  const counts = countSeverities(result.findings);
  const rows: PlanCell[][] = [
    [text('RAG summary', 'title')],
    [plain('Workbook'), plain(result.source)],
    [plain('As of'), num(serialOf(result.asOf, date1904), 'date')],
    [plain('Recalculated'), num(localSerial(new Date(result.generatedAt), date1904), 'datetime')],
    [
      plain('Findings'),
      linkCell(issuesName, 'A1', `${counts.error} errors, ${counts.warning} warnings, ${counts.info} notes: see ${issuesName}`, 'link'),
    ],
    [],
    header.map((h) => text(h, 'header')),
  ];
  const headerRow = rows.length - 1;
  for (const w of result.workstreams) {
    rows.push([
      linkCell(w.sheet, a1(w.titleRow ?? w.area.r1, w.titleRow === null ? w.area.c1 : 0), w.title),
      text(w.sheet),
      ...figureCells(w.figures, w.kind === 'ratings', hasRatings, false),
      text(statedText(w)),
    ]);
  }
  rows.push([
    text('Overall', 'total'),
    text(`${result.workstreams.length} work streams`, 'total'),
    ...figureCells(
      result.overall,
      result.workstreams.length > 0 && result.workstreams.every((w) => w.kind === 'ratings'),
      hasRatings,
      true,
    ),
    text(staleCount(result.workstreams), 'total'),
  ]);
  const lastDataRow = rows.length - 1;
  rows.push([]);
  rows.push([text('How the RAG is decided', 'subtitle')]);
  const rules = result.settings.rag;
  const legend: [Rag, string][] = [
    ['Blue', 'Complete: every action is Completed.'],
    [
      'Red',
      `Any action overdue by more than ${rules.redOverdueDays} days, or ${wholePercent(rules.redStaticShare)}% or more of the actions Static.`,
    ],
    ['Amber', 'Any action overdue, Static, with an unrecognised status or without a status.'],
    ['Green', 'Otherwise: on track.'],
  ];
  for (const [rag, why] of legend) rows.push([text(rag, `rag-${rag}`), plain(why)]);
  rows.push([
    plain(
      `Where a table has RAG ratings but no progress status, its RAG is the ${rules.ratingsRule === 'worst' ? 'worst' : 'most common'} rating given. An action is overdue when its target date is before the as-of date and it is not Completed; due soon within ${result.settings.dueSoonDays} days.`,
    ),
  ]);
  const pctCol = 8; // "% Completed"
  const overdueCol = 10;
  const cf: ConditionalFormat[] = [];
  if (lastDataRow > headerRow) {
    const first = headerRow + 1;
    cf.push({ type: 'dataBar', range: colRange(pctCol, first, lastDataRow), color: '#5B9BD5' });
    // An expression rule, not "cell value", because LibreOffice applies these too.
    cf.push({
      type: 'expression',
      range: colRange(overdueCol, first, lastDataRow),
      formula: `${a1(first, overdueCol)}>0`,
      style: 'sev-error',
    });
  }
  return {
    role: 'summary',
    name: target.name,
    replaces: target.replaces,
    columnWidths: [44, 16, 9, 11, 11, 9, 11, 9, 13, 13, 9, 13].concat(hasRatings ? [8, 8, 8, 8] : [], [24]),
    rows,
    merges: [],
    conditionalFormats: cf,
    freezeRows: headerRow + 1,
    tabColor: '#1F3864',
  };
}

function colRange(c: number, r1: number, r2: number): string {
  return `${a1(r1, c)}:${a1(r2, c)}`;
}

function statedText(w: Workstream): string {
  if (!w.stated) return '';
  if (w.stated.matches) return w.stated.covers.length > 1 ? `Matches (covers ${w.stated.covers.length} tables)` : 'Matches';
  return `Stale: ${w.stated.differences.length} difference${w.stated.differences.length === 1 ? '' : 's'}`;
}

function staleCount(ws: Workstream[]): string {
  const checked = ws.filter((w) => w.stated).length;
  const stale = ws.filter((w) => w.stated && !w.stated.matches).length;
  return checked ? `${checked} checked, ${stale} stale` : '';
}

function countSeverities(findings: Finding[]): Record<Severity, number> {
  const out = { error: 0, warning: 0, info: 0 };
  for (let i = 0; i < findings.length; i++) out[findings[i].severity]++;
  return out;
}

const SEVERITY_WORD: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Note' };
const CELL_REF = /^[A-Z]{1,3}\d+/;

function firstCellOf(ref: string): string {
  const colon = ref.indexOf(':');
  return colon < 0 ? ref : ref.slice(0, colon);
}

function issuesSheet(result: EngineResult, target: SheetTarget, date1904: boolean): PlanSheet {
  const rows: PlanCell[][] = [
    [text('RAG issues', 'title')],
    [plain('Workbook'), plain(result.source), plain('As of'), num(serialOf(result.asOf, date1904), 'date')],
    [],
    ['Severity', 'Sheet', 'Cell', 'Work stream', 'Problem', 'Suggestion'].map((h) => text(h, 'header')),
  ];
  const sheets = new Set(result.sheetOrder);
  // A large tracker has a finding for most actions, and this sheet is the bulk of
  // a plan. Cells are plain immutable data, so a cell that repeats down the sheet
  // (severity, sheet, work stream, suggestion) is made once and shared by rows.
  const shared = new Map<StyleName, Map<string, PlanCell>>();
  const once = (value: string, style: StyleName): PlanCell => {
    let byValue = shared.get(style);
    if (!byValue) shared.set(style, (byValue = new Map()));
    let cell = byValue.get(value);
    if (!cell) byValue.set(value, (cell = text(value, style)));
    return cell;
  };
  // The sheet part of each link is built once per sheet.
  const linkHeads = new Map<string, string>();
  const cellLink = (sheet: string, ref: string): PlanCell => {
    let head = linkHeads.get(sheet);
    if (head === undefined) linkHeads.set(sheet, (head = linkHead(sheet)));
    return linkCell(sheet, firstCellOf(ref), ref, 'link', head);
  };
  const findings = result.findings;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    const linked = sheets.has(f.sheet) && CELL_REF.test(f.cell);
    rows.push([
      once(SEVERITY_WORD[f.severity], `sev-${f.severity}`),
      once(f.sheet, 'text'),
      linked ? cellLink(f.sheet, f.cell) : text(f.cell),
      once(f.workstream ?? '', 'text'),
      text(f.message, 'wrap'),
      once(f.suggestion ?? '', 'wrap'),
    ]);
  }
  if (result.findings.length === 0) rows.push([text('No problems found.')]);
  return {
    role: 'issues',
    name: target.name,
    replaces: target.replaces,
    columnWidths: [10, 18, 9, 36, 70, 40],
    rows,
    merges: [],
    conditionalFormats: [],
    freezeRows: 4,
    tabColor: '#C00000',
  };
}

/**
 * The history keeps every earlier row as it was read and adds one. Columns are
 * matched by their header, so a work stream added later gets a new column and
 * earlier rows stay blank under it.
 */
function historySheet(result: EngineResult, target: SheetTarget, wb: WorkbookGrid): PlanSheet {
  const fixed = ['Recalculated', 'As of', 'Overall % completed', 'Overall RAG'];
  const old = target.replaces ? wb.sheets.find((s) => s.name === target.replaces) : undefined;
  const oldHeader = old ? (old.rows[0] ?? []).map((v) => textOf(v).trim()) : [];
  const titles = historyTitles(result.workstreams);
  const header = [...fixed];
  for (const h of oldHeader) if (h && !header.includes(h)) header.push(h);
  for (const t of titles) if (!header.includes(t)) header.push(t);
  const rows: PlanCell[][] = [header.map((h) => text(h, 'header'))];
  const styleFor = (h: string): StyleName | undefined =>
    h === 'Recalculated' ? 'datetime' : h === 'As of' ? 'date' : h.endsWith('RAG') ? undefined : 'percent';
  if (old) {
    for (let r = 1; r < old.rows.length; r++) {
      const row = old.rows[r] ?? [];
      if (row.every((v) => v === null || v === '')) continue;
      rows.push(
        header.map((h) => {
          const c = oldHeader.indexOf(h);
          const v = c < 0 ? null : cellAt(old, r, c);
          const style = h === 'Overall RAG' && typeof v === 'string' && v in RAG_COLOURS ? (`rag-${v}` as StyleName) : styleFor(h);
          return plain(v === null || typeof v === 'boolean' ? (v === null ? null : String(v)) : v, style);
        }),
      );
    }
  }
  const date1904 = wb.date1904;
  const now: PlanCell[] = [
    num(localSerial(new Date(result.generatedAt), date1904), 'datetime'),
    num(serialOf(result.asOf, date1904), 'date'),
    num(result.overall.percent.completed, 'percent'),
    text(result.overall.rag, `rag-${result.overall.rag}`),
  ];
  const byTitle = new Map(result.workstreams.map((w, i) => [titles[i], w]));
  for (const h of header.slice(fixed.length)) {
    const w = byTitle.get(h);
    now.push(w ? num(w.figures.percent.completed, 'percent') : plain(null));
  }
  rows.push(now);
  return {
    role: 'history',
    name: target.name,
    replaces: target.replaces,
    columnWidths: [20, 16, 12, 12].concat(header.slice(fixed.length).map(() => 16)),
    rows,
    merges: [],
    conditionalFormats: [],
    freezeRows: 1,
    tabColor: '#7F7F7F',
  };
}

/** A history column per work stream; the sheet name tells apart two streams of the same title. */
function historyTitles(ws: Workstream[]): string[] {
  const seen = new Map<string, number>();
  for (const w of ws) seen.set(w.title, (seen.get(w.title) ?? 0) + 1);
  return ws.map((w) => (seen.get(w.title)! > 1 ? `${w.title} (${w.sheet})` : w.title));
}

export function buildPlan(result: EngineResult, wb: WorkbookGrid, targets: SheetTarget[]): Plan {
  const byRole = Object.fromEntries(targets.map((t) => [t.role, t])) as Record<OwnedRole, SheetTarget>;
  return {
    sheets: [
      summarySheet(result, byRole.summary, byRole.issues.name, wb.date1904),
      issuesSheet(result, byRole.issues, wb.date1904),
      historySheet(result, byRole.history, wb),
    ],
    styles: STYLES,
    activate: byRole.summary.name,
    settingsJson: JSON.stringify(result.settings),
  };
}
