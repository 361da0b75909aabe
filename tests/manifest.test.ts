import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SaxesParser } from 'saxes';
import { FUNCTION_NAME } from '../src/commands/commands';
import { REQUIRED_EXCEL_API } from '../src/workbook/office';

// The manifest validated offline against the Office add-in schemas in
// office-schemas/ (the same command as `npm run validate`), then read for what the
// issue asks of it: the Home-tab group, its two buttons, the requirement set the
// code checks at run time, and icons that exist at the sizes they claim.

const ROOT = path.join(__dirname, '..');
const MANIFEST = path.join(ROOT, 'manifest.xml');

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

function parse(xml: string): El {
  const parser = new SaxesParser();
  const root: El = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: El[] = [root];
  parser.on('opentag', (tag) => {
    const el: El = { name: tag.name, attrs: tag.attributes as Record<string, string>, children: [], text: '' };
    stack[stack.length - 1].children.push(el);
    stack.push(el);
  });
  parser.on('text', (text) => {
    stack[stack.length - 1].text += text;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  return root.children[0];
}

const local = (name: string) => name.replace(/^.*:/, '');

function all(el: El, name: string): El[] {
  const out: El[] = [];
  const walk = (e: El) => {
    if (local(e.name) === name) out.push(e);
    e.children.forEach(walk);
  };
  walk(el);
  return out;
}

function child(el: El, name: string): El {
  const found = el.children.find((c) => local(c.name) === name);
  if (!found) throw new Error(`<${el.name}> has no <${name}>`);
  return found;
}

const manifest = parse(fs.readFileSync(MANIFEST, 'utf8'));

function resource(kind: 'String' | 'Url' | 'Image', id: string): string {
  const found = all(manifest, kind).find((e) => e.attrs.id === id);
  if (!found) throw new Error(`no ${kind} resource ${id}`);
  return found.attrs.DefaultValue;
}

test('validates offline against the Office add-in manifest schemas (xmllint)', () => {
  let output = '';
  let status = 0;
  try {
    output = execFileSync('xmllint', ['--noout', '--nonet', '--schema', 'office-schemas/OfficeAppManifestV1_1.xsd', 'manifest.xml'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    const err = e as { status?: number; stderr?: string; code?: string };
    if (err.code === 'ENOENT') throw new Error('xmllint is not installed (Debian: apt-get install libxml2-utils)');
    status = err.status ?? 1;
    output = err.stderr ?? String(e);
  }
  expect({ status, output: output.trim() }).toEqual({ status: 0, output: '' });
});

test('a task pane add-in for Excel workbooks that may read and write the document', () => {
  expect(manifest.name).toBe('OfficeApp');
  expect(manifest.attrs['xsi:type']).toBe('TaskPaneApp');
  expect(child(manifest, 'Id').text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(child(child(manifest, 'Hosts'), 'Host').attrs.Name).toBe('Workbook');
  expect(child(manifest, 'Permissions').text).toBe('ReadWriteDocument');
  expect(child(manifest, 'DefaultSettings').children[0].attrs.DefaultValue).toBe('https://localhost:3000/taskpane.html');
});

test('requires the ExcelApi set the code checks at run time, in both places', () => {
  const sets = all(manifest, 'Set').map((s) => [s.attrs.Name, s.attrs.MinVersion]);
  expect(sets).toEqual([
    ['ExcelApi', REQUIRED_EXCEL_API],
    ['ExcelApi', REQUIRED_EXCEL_API],
  ]);
  expect(Number(REQUIRED_EXCEL_API.split('.')[1])).toBeLessThanOrEqual(13);
});

test('a Ragbook group on the Home tab with "Recalculate summary" (a function) and "Open Ragbook" (the pane)', () => {
  const overrides = child(manifest, 'VersionOverrides');
  const host = child(child(overrides, 'Hosts'), 'Host');
  expect(host.attrs['xsi:type']).toBe('Workbook');
  const form = child(host, 'DesktopFormFactor');
  expect(resource('Url', child(form, 'FunctionFile').attrs.resid)).toBe('https://localhost:3000/commands.html');
  const tab = all(form, 'OfficeTab')[0];
  expect(tab.attrs.id).toBe('TabHome');
  const group = child(tab, 'Group');
  expect(resource('String', child(group, 'Label').attrs.resid)).toBe('Ragbook');
  const buttons = group.children.filter((c) => local(c.name) === 'Control');
  expect(buttons.map((b) => b.attrs['xsi:type'])).toEqual(['Button', 'Button']);
  const [recalc, open] = buttons;
  expect(resource('String', child(recalc, 'Label').attrs.resid)).toBe('Recalculate summary');
  const recalcAction = child(recalc, 'Action');
  expect(recalcAction.attrs['xsi:type']).toBe('ExecuteFunction');
  expect(child(recalcAction, 'FunctionName').text).toBe('recalculateSummary');
  expect(FUNCTION_NAME).toBe('recalculateSummary');
  expect(resource('String', child(open, 'Label').attrs.resid)).toBe('Open Ragbook');
  const openAction = child(open, 'Action');
  expect(openAction.attrs['xsi:type']).toBe('ShowTaskpane');
  expect(resource('Url', child(openAction, 'SourceLocation').attrs.resid)).toBe('https://localhost:3000/taskpane.html');
});

test('every URL is on https://localhost:3000/, and every icon exists at the size it claims', () => {
  const urls = [
    ...all(manifest, 'Url').map((u) => u.attrs.DefaultValue),
    ...all(manifest, 'Image')
      .filter((i) => i.attrs.DefaultValue)
      .map((i) => i.attrs.DefaultValue),
    ...['IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'SourceLocation'].flatMap((n) =>
      all(manifest, n).map((e) => e.attrs.DefaultValue),
    ),
  ].filter(Boolean);
  expect(urls.length).toBeGreaterThan(6);
  for (const u of urls) expect(u).toMatch(/^https:\/\/localhost:3000\//);

  const claimed = new Map<string, number>([
    [resource('Image', 'Ragbook.Icon.16'), 16],
    [resource('Image', 'Ragbook.Icon.32'), 32],
    [resource('Image', 'Ragbook.Icon.80'), 80],
    [child(manifest, 'IconUrl').attrs.DefaultValue, 32],
    [child(manifest, 'HighResolutionIconUrl').attrs.DefaultValue, 64],
  ]);
  for (const [url, size] of claimed) {
    const file = path.join(ROOT, url.replace('https://localhost:3000/', ''));
    const png = fs.readFileSync(file);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
  }
  // Each icon a button uses names a sized image.
  for (const img of all(child(manifest, 'VersionOverrides'), 'Image').filter((i) => i.attrs.resid)) {
    expect(resource('Image', img.attrs.resid)).toMatch(new RegExp(`icon-${img.attrs.size}\\.png$`));
  }
});

test('npm run validate runs the same check', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  expect(pkg.scripts.validate).toBe('xmllint --noout --nonet --schema office-schemas/OfficeAppManifestV1_1.xsd manifest.xml');
});
