import type { TableDef } from '../../../core/grid';
import { parseArea } from '../../../core/grid';
import { END, OPEN, XmlError, XmlReader } from '../opc/xml-reader';

// The small parts the reader needs besides sheets: the workbook part (the sheet
// list and the date system) and table parts.

export interface WorkbookPart {
  date1904: boolean;
  sheets: { name: string; relId: string; state: string }[];
  /** Workbook-scoped defined names with their formulas (Ragbook's marks are among them). */
  names: { name: string; formula: string }[];
}

export function readWorkbookPart(bytes: Uint8Array): WorkbookPart {
  const x = new XmlReader(bytes);
  const out: WorkbookPart = { date1904: false, sheets: [], names: [] };
  for (let t = x.next(); t !== END; t = x.next()) {
    if (t !== OPEN) continue;
    if (x.depth === 1) {
      if (x.name !== 'workbook') throw new XmlError(`its root element is <${x.name}>, not <workbook>`);
    } else if (x.depth === 2) {
      if (x.name === 'workbookPr') {
        const v = (x.attr('date1904') ?? '').trim().toLowerCase();
        out.date1904 = v === '1' || v === 'true';
      } else if (x.name !== 'sheets' && x.name !== 'definedNames') {
        x.skipElement();
      }
    } else if (x.depth === 3 && x.name === 'sheet' && x.at(2) === 'sheets') {
      out.sheets.push({
        name: x.attr('name') ?? `Sheet${out.sheets.length + 1}`,
        relId: x.attr('id') ?? '',
        state: x.attr('state') ?? 'visible',
      });
    } else if (x.depth === 3 && x.name === 'definedName' && x.at(2) === 'definedNames') {
      const name = x.attr('name');
      const scoped = x.attr('localSheetId') !== undefined;
      const formula = x.selfClosing ? '' : x.readText();
      if (name && !scoped) out.names.push({ name, formula });
    }
  }
  return out;
}

export function readTable(bytes: Uint8Array): TableDef | null {
  const x = new XmlReader(bytes);
  for (let t = x.next(); t !== END; t = x.next()) {
    if (t !== OPEN || x.depth !== 1) continue;
    if (x.name !== 'table') return null;
    const area = parseArea(x.attr('ref') ?? '');
    const name = x.attr('displayName') || x.attr('name');
    if (!area || !name) return null;
    return { name, area, hasHeader: Number(x.attr('headerRowCount') ?? 1) !== 0 };
  }
  return null;
}
