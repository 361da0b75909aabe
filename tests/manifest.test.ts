import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SaxesParser } from 'saxes';
import * as ts from 'typescript';
import { FUNCTION_NAME } from '../src/commands/commands';
import { OWNER_PROPERTY, SETTINGS_KEY } from '../src/core/ownership';
import { MERGED_AREAS_EXCEL_API, REQUIRED_EXCEL_API, TABLE_RESIZE_EXCEL_API } from '../src/workbook/office/constants';
import { ADDIN_REFERENCE } from '../src/workbook/xlsx/web-extension';

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

/** `npm run validate`: libxml2 as WebAssembly, so no system program is needed. */
function validate(file: string): { status: number; output: string } {
  const r = spawnSync(process.execPath, ['scripts/validate-manifest.mjs', file], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status ?? -1, output: (r.stdout + r.stderr).trim() };
}

test('validates offline against the Office add-in manifest schemas (libxml2 as WebAssembly)', () => {
  expect(validate('manifest.xml')).toEqual({ status: 0, output: '' });
});

test('the schema check fails on a manifest the schemas refuse, naming the line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ragbook-manifest-'));
  try {
    // An element the schema does not allow; a control type that does not exist (in the imported VersionOverrides schema).
    const cases: [string, string, string, RegExp][] = [
      ['element.xml', '<DisplayName ', '<DisplayTitle ', /element\.xml:\d+: Element '\{[^}]+\}DisplayTitle': This element is not expected/],
      [
        'control.xml',
        '<Control xsi:type="Button"',
        '<Control xsi:type="Buttonz"',
        /control\.xml:\d+: .*Buttonz' of the xsi:type attribute does not resolve to a type definition/,
      ],
    ];
    for (const [name, from, to, message] of cases) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, fs.readFileSync(MANIFEST, 'utf8').replace(from, to));
      const r = validate(file);
      expect(r.status).toBe(1);
      expect(r.output).toMatch(message);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
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
  expect(pkg.scripts.validate).toBe('node scripts/validate-manifest.mjs manifest.xml');
});

// ---------------------------------------------------------------------------
// The requirement set is what the code really calls: every Excel API member that
// src/workbook/office/ uses, looked up in @types/office-js ("[Api set: ExcelApi
// 1.x]"), with the type checker resolving each call to its declaration.

const minor = (v: string) => Number(v.split('.')[1]);
const OFFICE_DIR = path.join(ROOT, 'src', 'workbook', 'office');
const officeFiles = () =>
  fs
    .readdirSync(OFFICE_DIR)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(OFFICE_DIR, f));

function excelApiMembersUsed(): Map<string, string> {
  const cfg = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(cfg.config, ts.sys, ROOT);
  const files = officeFiles();
  const program = ts.createProgram(files, { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  const used = new Map<string, string>();
  const visit = (n: ts.Node) => {
    if (ts.isPropertyAccessExpression(n)) {
      let decls = checker.getSymbolAtLocation(n.name)?.declarations ?? [];
      if (ts.isCallExpression(n.parent) && n.parent.expression === n) {
        const declaration = checker.getResolvedSignature(n.parent)?.declaration;
        if (declaration && !ts.isJSDocSignature(declaration)) decls = [declaration];
      }
      for (const d of decls) {
        if (!d.getSourceFile().fileName.includes('@types/office-js')) continue;
        const doc = ts
          .getJSDocCommentsAndTags(d)
          .map((j) => j.getText())
          .join(' ');
        const set = /Api set: ExcelApi (\d+\.\d+)/.exec(doc)?.[1];
        if (!set) continue;
        const owner = ((d.parent as ts.ClassDeclaration).name?.getText() ?? '?') + '.' + n.name.text;
        const known = used.get(owner);
        if (!known || minor(set) > minor(known)) used.set(owner, set);
      }
    }
    ts.forEachChild(n, visit);
  };
  for (const file of files) visit(program.getSourceFile(file)!);
  return used;
}

describe('the ExcelApi requirement set matches what workbook/office/ calls', () => {
  let used: Map<string, string>;
  beforeAll(() => {
    used = excelApiMembersUsed();
  });

  test('the set declared is the highest any unconditional call needs, and no lower', () => {
    expect(used.size).toBeGreaterThan(50);
    // Called only where the host reports the set (startup.ts hostSupports…; the tests below check the gates).
    const gated = new Map([
      ['Table.resize', TABLE_RESIZE_EXCEL_API],
      ['Range.getMergedAreasOrNullObject', MERGED_AREAS_EXCEL_API],
    ]);
    const unconditional = [...used].filter(([member]) => !gated.has(member));
    const highest = Math.max(...unconditional.map(([, set]) => minor(set)));
    expect(`1.${highest}`).toBe(REQUIRED_EXCEL_API);
    // What needs it: the ownership marker, worksheet custom properties.
    expect(unconditional.filter(([, set]) => set === REQUIRED_EXCEL_API).map(([m]) => m.split('.')[0])).toEqual(
      expect.arrayContaining(['Worksheet', 'WorksheetCustomPropertyCollection']),
    );
    for (const [member, set] of gated) expect(used.get(member)).toBe(set);
    // DESIGN.md: ExcelApi 1.13 at most; the requirement in the manifest is the same set.
    expect(Math.max(...[...used.values()].map(minor))).toBeLessThanOrEqual(13);
    expect(all(manifest, 'Set').every((s) => s.attrs.MinVersion === REQUIRED_EXCEL_API)).toBe(true);
  });

  test('tables are resized (ExcelApi 1.13) only where the host reports that set', () => {
    const src = officeFiles()
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    expect(src).toMatch(/isSetSupported\('ExcelApi', TABLE_RESIZE_EXCEL_API\)/);
    // Every call sits behind the `tableResize` flag that the check sets.
    const lines = src.split('\n');
    const calls = lines.map((l, i) => [l, i] as const).filter(([l]) => /\.resize\(/.test(l) && !/^\s*(\*|\/\/)/.test(l));
    expect(calls.length).toBeGreaterThan(0);
    for (const [, i] of calls) expect(lines.slice(Math.max(0, i - 2), i + 1).join('\n')).toMatch(/opts\.tableResize/);
  });

  test('merged areas are read (ExcelApi 1.13) only where the host reports that set', () => {
    const src = officeFiles()
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    expect(src).toMatch(/isSetSupported\('ExcelApi', MERGED_AREAS_EXCEL_API\)/);
    // The flag defaults to what the host reports, and every call sits behind it.
    expect(src).toMatch(/const wantMerges = opts\.mergedAreas \?\? hostSupportsMergedAreas\(\);/);
    const lines = src.split('\n');
    const calls = lines
      .map((l, i) => [l, i] as const)
      .filter(([l]) => /\.getMergedAreasOrNullObject\(/.test(l) && !/^\s*(\*|\/\/)/.test(l));
    expect(calls.length).toBeGreaterThan(0);
    for (const [, i] of calls) expect(lines.slice(Math.max(0, i - 2), i + 1).join('\n')).toMatch(/wantMerges \?/);
  });
});

test('workbook/office/ is the only source folder that touches Office.js (Office.* or Excel.* as values)', () => {
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(entry.name) && path.dirname(p) !== OFFICE_DIR) {
        const sf = ts.createSourceFile(p, fs.readFileSync(p, 'utf8'), ts.ScriptTarget.Latest, true);
        const visit = (n: ts.Node) => {
          const value =
            (ts.isPropertyAccessExpression(n) || ts.isTypeOfExpression(n) || ts.isCallExpression(n)) &&
            ts.isIdentifier(n.expression) &&
            /^(Office|Excel|OfficeExtension)$/.test(n.expression.text);
          if (value) offenders.push(`${path.relative(ROOT, p)}: ${n.getText().slice(0, 60)}`);
          ts.forEachChild(n, visit);
        };
        visit(sf);
      }
    }
  };
  walk(path.join(ROOT, 'src'));
  expect(offenders).toEqual([]);
});

test("the names that mark Ragbook's sheets and settings are written once, in core/ownership.ts, for both hosts", () => {
  const restated: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(entry.name) && p !== path.join(ROOT, 'src', 'core', 'ownership.ts')) {
        const text = fs.readFileSync(p, 'utf8');
        for (const name of [OWNER_PROPERTY, SETTINGS_KEY])
          if (text.includes(`'${name}'`)) restated.push(`${path.relative(ROOT, p)}: '${name}'`);
      }
    }
  };
  walk(path.join(ROOT, 'src'));
  expect(restated).toEqual([]);
});

test("the .xlsx writer names Ragbook's add-in by the manifest's Id and Version, so Office finds the settings it stores", () => {
  expect(ADDIN_REFERENCE.id).toBe(child(manifest, 'Id').text);
  expect(ADDIN_REFERENCE.version).toBe(child(manifest, 'Version').text);
});
