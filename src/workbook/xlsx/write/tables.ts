import type { Area } from '../../../core/grid';
import type { PlanCell, PlanTable } from '../../../core/plan-schema';
import { tableArea, tableColumnNames, tableRef, uniqueTableName, validTableName } from '../../tables';
import { REL_TYPE } from '../opc/relationships';
import { escapeAttr } from '../opc/xml-escape';
import { attributes, rootElement } from '../opc/xml-spans';
import type { FreshNames } from './fresh-names';
import type { Package } from './package';
import type { RelsPart } from './rels-part';
import { MAIN_NS } from './sheet-xml';
import type { WorkbookParts } from './workbook';

// Excel Tables on Ragbook's sheets as table parts (xl/tables/tableN.xml), each
// related from its sheet and listed in the sheet's <tableParts>. A table's id and
// name are unique in the workbook, so the names and ids of every table already in
// the package (and the workbook's defined names, which share the tables' names) are
// taken before any is given out.

export const TABLE_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml';
export const TABLE_REL_TYPE = `${REL_TYPE}table`;

interface KnownTable {
  part: string;
  id: number;
  name: string;
}

export class TableRegistry {
  private readonly known: KnownTable[] = [];
  private readonly taken = new Set<string>();
  private maxId = 0;

  constructor(pkg: Package, parts: WorkbookParts) {
    for (const e of pkg.entries) {
      if (!/(^|\/)tables\/[^/]+\.xml$/i.test(e.name) || pkg.isRemoved(e.name)) continue;
      const xml = pkg.text(e.name);
      if (!xml) continue;
      const root = rootElement(xml);
      if (root.local !== 'table') continue;
      const a = attributes(xml, root);
      const id = Number(a.get('id'));
      const name = a.get('displayName') ?? a.get('name') ?? '';
      this.known.push({ part: e.name, id: Number.isFinite(id) ? id : 0, name });
      if (Number.isFinite(id)) this.maxId = Math.max(this.maxId, id);
      if (name) this.taken.add(name.toLowerCase());
    }
    for (const n of parts.names) this.taken.add(n.name.toLowerCase());
  }

  /** The table a part holds, if the package had it. */
  byPart(part: string): KnownTable | undefined {
    return this.known.find((t) => t.part.toLowerCase() === part.toLowerCase());
  }

  /** A table Ragbook removes (to write anew): its name may be given again. */
  release(part: string): void {
    const t = this.byPart(part);
    if (t) this.taken.delete(t.name.toLowerCase());
  }

  /** A name for a new table: the plan's, unless another table or a defined name has it. */
  claimName(wanted: string): string {
    const name = uniqueTableName(wanted, this.taken);
    this.taken.add(name.toLowerCase());
    return name;
  }

  nextId(): number {
    return ++this.maxId;
  }
}

/** A table part's XML. */
export function tableXml(t: { id: number; name: string; area: Area; columns: string[]; style: string | null }): string {
  const ref = tableRef(t.area);
  const columns = t.columns.map((c, i) => `<tableColumn id="${i + 1}" name="${escapeAttr(c)}"/>`).join('');
  const style = t.style
    ? `<tableStyleInfo name="${escapeAttr(t.style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>`
    : '';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    `<table xmlns="${MAIN_NS}" id="${t.id}" name="${escapeAttr(t.name)}" displayName="${escapeAttr(t.name)}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${t.columns.length}">${columns}</tableColumns>${style}</table>`
  );
}

/** A table of the sheet being rewritten: written again in the same part, under the same id and relationship. */
export interface ReusedTable {
  part: string;
  relId: string;
  id: number;
  name: string;
}

/**
 * Adds the plan's tables over `rows` as table parts related from the sheet
 * (`rels`); returns their relationship ids, in order. A table the sheet already has
 * under the plan's name (`reuse`) keeps its part, id and name. `stretch` may
 * lengthen a table (an append sheet's table runs down to its last row).
 */
export function addTables(
  ctx: { pkg: Package; parts: WorkbookParts; names: FreshNames; tables: TableRegistry },
  tables: PlanTable[],
  rows: PlanCell[][],
  rels: RelsPart,
  opts: { stretch?: (a: Area) => Area; reuse?: ReusedTable[] } = {},
): string[] {
  const ids: string[] = [];
  for (const t of tables) {
    const planned = tableArea(t);
    if (!planned) continue;
    const area = opts.stretch ? opts.stretch(planned) : planned;
    const columns = tableColumnNames((rows[planned.r1] ?? []).slice(planned.c1), planned.c2 - planned.c1 + 1);
    const old = opts.reuse?.find((r) => r.name.toLowerCase() === validTableName(t.name).toLowerCase());
    if (old) {
      ctx.pkg.setText(old.part, tableXml({ id: old.id, name: old.name, area, columns, style: t.style }));
      ids.push(old.relId);
      continue;
    }
    const part = ctx.names.next(`${ctx.parts.dir}tables/table`, '.xml');
    ctx.pkg.setText(part, tableXml({ id: ctx.tables.nextId(), name: ctx.tables.claimName(t.name), area, columns, style: t.style }));
    ctx.parts.ct.override(part, TABLE_CONTENT_TYPE);
    ids.push(rels.add(TABLE_REL_TYPE, part));
  }
  return ids;
}
