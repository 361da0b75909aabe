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
): StylesResult {
  const stylesRels = parts.wbRels.rels.filter((r) => /\/styles$/.test(r.type));
  const present = stylesRels.find((r) => r.target && pkg.find(r.target));
  const stylesPart = present ? (pkg.find(present.target as string) as string) : null;
  const used = new Set<StyleName>();
  const dxfUsed = new Set<StyleName>();
  for (const s of sheets) {
    const rows = s.mode === 'append' ? [...s.head, ...s.rows] : s.rows;
    for (const row of rows) for (const cell of row) if (cell?.style) used.add(cell.style);
    for (const cf of s.conditionalFormats) if (cf.type === 'expression') dxfUsed.add(cf.style);
  }
  const styles = appendStyles(stylesPart ? pkg.text(stylesPart) : null, defs, used, dxfUsed);
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
