import type { Plan, StyleName } from '../../../core/plan-schema';
import type { SheetToWrite } from '../../settings-sheet';
import { STYLES_CONTENT_TYPE } from '../opc/content-types';
import { REL_TYPE } from '../opc/relationships';
import type { FreshNames } from './fresh-names';
import type { Package } from './package';
import { type StylesResult, appendStyles } from './styles';
import type { WorkbookParts } from './workbook';

/**
 * The styles the sheets use, appended to the workbook's styles part (or a new part
 * when it has none); returns the format indexes the sheets refer to. A styles
 * relationship whose part is missing (exceljs's test-issue-771.xlsx) gets its part:
 * a second styles relationship would make the workbook one that openpyxl, and
 * Excel's own checks, refuse.
 */
export function addPlanStyles(
  pkg: Package,
  parts: WorkbookParts,
  defs: Plan['styles'],
  sheets: SheetToWrite[],
  names: FreshNames,
  userParts: readonly string[] = [],
  /** Every style of `defs`, used or not: rows given apart were written with them all (sheet-body.ts). */
  everyStyle = false,
): StylesResult {
  const stylesRels = parts.wbRels.rels.filter((r) => /\/styles$/.test(r.type));
  const present = stylesRels.find((r) => r.target && pkg.find(r.target));
  const stylesPart = present ? (pkg.find(present.target as string) as string) : null;
  const used = new Set<StyleName>(everyStyle ? (Object.keys(defs) as StyleName[]) : []);
  const dxfUsed = new Set<StyleName>();
  for (const s of sheets) {
    const rows = s.mode === 'append' ? [...s.head, ...s.rows] : s.rows;
    for (const row of rows) for (const cell of row) if (cell?.style) used.add(cell.style);
    for (const cf of s.conditionalFormats) if (cf.type === 'expression') dxfUsed.add(cf.style);
  }
  // A user's cell may name a format past the end of the list (LibreOffice's tdf100709.xlsx:
  // s="407" of 100); Ragbook's formats go after it, or that cell would take one of them.
  let highest = -1;
  for (const part of userParts) highest = Math.max(highest, highestStyleIndex(pkg.bytes(part)));
  const styles = appendStyles(stylesPart ? pkg.text(stylesPart) : null, defs, used, dxfUsed, highest);
  if (stylesPart) {
    pkg.setText(stylesPart, styles.xml);
    return styles;
  }
  const taken = pkg.taken();
  const dangling = stylesRels.find((r) => r.target !== null && !taken.has(r.target.toLowerCase()) && /\.xml$/i.test(r.target));
  const name = dangling?.target ?? names.prefer(`${parts.dir}styles.xml`, `${parts.dir}styles`, '.xml');
  pkg.setText(name, styles.xml);
  parts.ct.override(name, STYLES_CONTENT_TYPE);
  if (!dangling) {
    // A relationship to nowhere usable (external, or a name another part holds) goes; one is enough.
    for (const r of stylesRels) parts.wbRels.remove(r.id);
    parts.wbRels.add(`${REL_TYPE}styles`, name);
  }
  return styles;
}

const S_ATTR = [0x20, 0x73, 0x3d, 0x22]; // ' s="'

/**
 * The highest cell format index a worksheet's cells name (their s="N"), found in the
 * bytes without decoding the part: a user's sheet is otherwise copied untouched.
 * An attribute spelled ` s="` inside text would be escaped as &quot;, so it cannot be met there.
 */
export function highestStyleIndex(bytes: Uint8Array | null): number {
  let max = -1;
  if (!bytes) return max;
  const n = bytes.length;
  for (let i = bytes.indexOf(0x73); i >= 0 && i < n; i = bytes.indexOf(0x73, i + 1)) {
    if (bytes[i - 1] !== S_ATTR[0] || bytes[i + 1] !== S_ATTR[2] || bytes[i + 2] !== S_ATTR[3]) continue;
    let v = 0;
    let j = i + 3;
    while (j < n && bytes[j] >= 0x30 && bytes[j] <= 0x39 && j - i < 12) v = v * 10 + (bytes[j++] - 0x30);
    if (j > i + 3 && bytes[j] === 0x22 && v > max) max = v;
  }
  return max;
}
