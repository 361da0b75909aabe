import { type Edit, applyEdits, childElements, childrenNamed, rootElement, withAttribute, withoutAttribute } from '../opc/xml-spans';

// Which sheet tab is selected: Excel opens a workbook on its active tab, and a
// sheet whose view says tabSelected is selected with it (two selected tabs are
// grouped, and an edit then goes to both). So when Ragbook activates its summary,
// every other sheet's view loses tabSelected, its only change to those sheets.

const SELECTED = /\stabSelected\s*=\s*["'](1|true)["']/;

/** Edits to a sheet part's views: tabSelected on its first view, or on none. */
export function selectionEdits(xml: string, selected: boolean): Edit[] {
  const views = childrenNamed(xml, rootElement(xml), 'sheetViews')[0];
  if (!views) return [];
  const edits: Edit[] = [];
  childElements(xml, views)
    .filter((v) => v.local === 'sheetView')
    .forEach((v, i) => {
      const isSelected = SELECTED.test(xml.slice(v.start, v.openEnd));
      if (selected && i === 0 && !isSelected)
        edits.push({ start: v.start, end: v.openEnd, text: withAttribute(xml, v, 'tabSelected', '1') });
      if ((!selected || i > 0) && isSelected) edits.push({ start: v.start, end: v.openEnd, text: withoutAttribute(xml, v, 'tabSelected') });
    });
  return edits;
}

/** The sheet part with its tab no longer selected. */
export function unselected(xml: string): string {
  const edits = selectionEdits(xml, false);
  return edits.length ? applyEdits(xml, edits) : xml;
}
