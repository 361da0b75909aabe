import { RELS_CONTENT_TYPE } from '../opc/content-types';
import { relsPathFor } from '../opc/relationships';
import { escapeAttr } from '../opc/xml-escape';
import {
  type XmlElement,
  appendInside,
  applyEdits,
  attrByLocal,
  attributes,
  childrenNamed,
  descendants,
  rootElement,
  withAttribute,
} from '../opc/xml-spans';
import {
  ADDIN_REFERENCE,
  INSTANCE_ID,
  SETTINGS_KEY,
  TASKPANES_CONTENT_TYPE,
  TASKPANES_NS,
  TASKPANES_REL_TYPE,
  WEB_EXTENSION_CONTENT_TYPE,
  WEB_EXTENSION_NS,
  WEB_EXTENSION_PART,
  WEB_EXTENSION_REL_TYPE,
  settingsPropertyIn,
} from '../web-extension';
import type { FreshNames } from './fresh-names';
import type { Package } from './package';
import { RelsPart } from './rels-part';
import { REL_NS } from './sheet-xml';
import type { Skeleton } from './workbook';

// Ragbook's settings into the workbook file, where Office keeps an add-in's settings
// (see web-extension.ts), so the next recalculation reads them, here or in Excel.
// In order of preference: the property where the reader finds it is updated in
// place; else a property is added to Ragbook's own web extension part; else a web
// extension part is added, with a hidden task pane entry that refers to it, as
// Office writes them. Other add-ins' parts are never changed.

const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const WEB_EXTENSIONS_DIR = 'xl/webextensions/';

/**
 * The property's value as Office stores a setting: the value as JSON. Ragbook's
 * settings are an object, given as JSON; text that is not JSON (which the engine
 * never produces) is stored as a JSON string, as Office would store a string.
 */
export function settingValue(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json));
  } catch {
    return JSON.stringify(json);
  }
}

export function storeSettings(pkg: Package, skeleton: Skeleton, names: FreshNames, json: string): void {
  const value = settingValue(json);
  if (updateStoredProperty(pkg, value)) return;
  if (addToRagbooksPart(pkg, value)) return;
  addWebExtension(pkg, skeleton, names, value);
}

function webExtensionParts(pkg: Package): string[] {
  return pkg.entries.map((e) => e.name).filter((n) => WEB_EXTENSION_PART.test(n) && !pkg.isRemoved(n));
}

function propertyElement(value: string, prefix: string): string {
  return `<${prefix}property name="${SETTINGS_KEY}" value="${escapeAttr(value)}"/>`;
}

/** The property the reader would read (the first part, in zip order, holding one), its value replaced. */
function updateStoredProperty(pkg: Package, value: string): boolean {
  for (const name of webExtensionParts(pkg)) {
    if (settingsPropertyIn(pkg.bytes(name) as Uint8Array) === undefined) continue;
    const xml = pkg.text(name) as string;
    const prop = descendants(xml, rootElement(xml)).find(
      (el) => el.local === 'property' && attrByLocal(attributes(xml, el), 'name') === SETTINGS_KEY,
    ) as XmlElement;
    pkg.setText(name, applyEdits(xml, [{ start: prop.start, end: prop.openEnd, text: withAttribute(xml, prop, 'value', value) }]));
    return true;
  }
  return false;
}

const sameId = (a: string, b: string) => a.replace(/[{}]/g, '').toLowerCase() === b.replace(/[{}]/g, '').toLowerCase();

/** A web extension part that refers to Ragbook's add-in, given the property. */
function addToRagbooksPart(pkg: Package, value: string): boolean {
  for (const name of webExtensionParts(pkg)) {
    const xml = pkg.text(name) as string;
    const root = rootElement(xml);
    const reference = childrenNamed(xml, root, 'reference')[0];
    if (!reference || !sameId(attributes(xml, reference).get('id') ?? '', ADDIN_REFERENCE.id)) continue;
    const property = propertyElement(value, root.prefix);
    const properties = childrenNamed(xml, root, 'properties')[0];
    if (properties) {
      pkg.setText(name, applyEdits(xml, appendInside(xml, properties, property)));
    } else {
      // The schema's order: reference, alternateReferences, properties, bindings, snapshot.
      const before = childrenNamed(xml, root, 'alternateReferences')[0] ?? reference;
      const p = root.prefix;
      pkg.setText(name, applyEdits(xml, [{ start: before.end, end: before.end, text: `<${p}properties>${property}</${p}properties>` }]));
    }
    return true;
  }
  return false;
}

/** A new web extension part for Ragbook, and a hidden task pane that refers to it. */
function addWebExtension(pkg: Package, skeleton: Skeleton, names: FreshNames, value: string): void {
  const { ct, rootRels } = skeleton;
  const part = names.next(`${WEB_EXTENSIONS_DIR}webextension`, '.xml');
  const r = ADDIN_REFERENCE;
  pkg.setText(
    part,
    `${DECLARATION}<we:webextension xmlns:we="${WEB_EXTENSION_NS}" id="${INSTANCE_ID}">` +
      `<we:reference id="${r.id}" version="${r.version}" store="${r.store}" storeType="${r.storeType}"/>` +
      `<we:alternateReferences/><we:properties>${propertyElement(value, 'we:')}</we:properties><we:bindings/>` +
      `<we:snapshot xmlns:r="${REL_NS}"/></we:webextension>`,
  );
  ct.override(part, WEB_EXTENSION_CONTENT_TYPE);

  const paneRel = rootRels.rels.find((x) => x.type === TASKPANES_REL_TYPE && x.target && pkg.find(x.target));
  const existing = paneRel ? pkg.find(paneRel.target as string) : undefined;
  const panes = existing ?? names.prefer(`${WEB_EXTENSIONS_DIR}taskpanes.xml`, `${WEB_EXTENSIONS_DIR}taskpanes`, '.xml');
  const relsName = pkg.find(relsPathFor(panes));
  const rels = relsName ? new RelsPart(pkg.text(relsName) as string, panes) : RelsPart.empty(panes);
  const relId = rels.add(WEB_EXTENSION_REL_TYPE, part);
  if (existing) {
    const xml = pkg.text(existing) as string;
    const root = rootElement(xml);
    const rows = childrenNamed(xml, root, 'taskpane').map((t) => Number(attributes(xml, t).get('row')) || 0);
    pkg.setText(existing, applyEdits(xml, appendInside(xml, root, taskpane(root.prefix, relId, 1 + Math.max(0, ...rows)))));
  } else {
    pkg.setText(panes, `${DECLARATION}<wetp:taskpanes xmlns:wetp="${TASKPANES_NS}">${taskpane('wetp:', relId, 1)}</wetp:taskpanes>`);
    ct.override(panes, TASKPANES_CONTENT_TYPE);
    rootRels.add(TASKPANES_REL_TYPE, panes);
  }
  pkg.setText(relsName ?? relsPathFor(panes), rels.toXml());
  if (!relsName && !ct.hasDefault('rels')) ct.override(relsPathFor(panes), RELS_CONTENT_TYPE);
}

/** A task pane entry, hidden (visibility 0): the pane opens only when the user opens it. */
function taskpane(prefix: string, relId: string, row: number): string {
  return (
    `<${prefix}taskpane dockstate="right" visibility="0" width="350" row="${row}">` +
    `<${prefix}webextensionref xmlns:r="${REL_NS}" r:id="${relId}"/></${prefix}taskpane>`
  );
}
