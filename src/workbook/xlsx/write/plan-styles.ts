import type { Plan, StyleName } from '../../../core/plan-schema';
import { STYLES_CONTENT_TYPE } from '../opc/content-types';
import { REL_TYPE } from '../opc/relationships';
import type { FreshNames } from './fresh-names';
import type { Package } from './package';
import { type StylesResult, appendStyles } from './styles';
import type { WorkbookParts } from './workbook';

/**
 * The plan's styles, appended to the workbook's styles part (or a new part when it
 * has none); returns the format indexes the sheets refer to.
 */
export function addPlanStyles(pkg: Package, parts: WorkbookParts, plan: Plan, names: FreshNames): StylesResult {
  const stylesRel = parts.wbRels.rels.find((r) => /\/styles$/.test(r.type) && r.target && pkg.find(r.target));
  const stylesPart = stylesRel ? (pkg.find(stylesRel.target as string) as string) : null;
  const used = new Set<StyleName>();
  const dxfUsed = new Set<StyleName>();
  for (const s of plan.sheets) {
    for (const row of s.rows) for (const cell of row) if (cell?.style) used.add(cell.style);
    for (const cf of s.conditionalFormats) if (cf.type === 'expression') dxfUsed.add(cf.style);
  }
  const styles = appendStyles(stylesPart ? pkg.text(stylesPart) : null, plan.styles, used, dxfUsed);
  if (stylesPart) pkg.setText(stylesPart, styles.xml);
  else {
    const name = names.prefer(`${parts.dir}styles.xml`, `${parts.dir}styles`, '.xml');
    pkg.setText(name, styles.xml);
    parts.ct.override(name, STYLES_CONTENT_TYPE);
    parts.wbRels.add(`${REL_TYPE}styles`, name);
  }
  return styles;
}
