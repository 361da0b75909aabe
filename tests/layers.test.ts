import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import * as ts from 'typescript';

// The layers are enforced where a developer sees them, not only here: ESLint refuses
// Node, the DOM and Office.js outside their rooms, and src/core compiles on its own
// with the ES2022 library alone (src/core/tsconfig.json). These tests put a wrong
// file in each room, as a developer might, and expect the tools to name it.

const ROOT = path.resolve(__dirname, '..');

const CASES: Record<string, string> = {};
let linted: Map<string, string[]> | null = null;

/** ESLint's layer messages for `code` placed at `file`; all cases are linted in one process. */
function lint(file: string, code: string): string[] {
  if (!linted) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'tests', 'support', 'lint-texts.mjs')], {
      cwd: ROOT,
      input: JSON.stringify(Object.entries(CASES).map(([f, c]) => ({ file: f, code: c }))),
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`eslint failed: ${r.stderr}`);
    const results: { file: string; messages: { ruleId: string | null; message: string }[] }[] = JSON.parse(r.stdout);
    linted = new Map(
      results.map((x) => [x.file, x.messages.filter((m) => m.ruleId?.startsWith('no-restricted')).map((m) => `${x.file}: ${m.message}`)]),
    );
  }
  expect(CASES[file]).toBe(code);
  return linted.get(file)!;
}

/** Type-checks src/core as its own project, with one more file in it: the errors, by file. */
function typecheckCore(file: string, code: string): string[] {
  const configPath = path.join(ROOT, 'src', 'core', 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const extra = path.join(ROOT, file);
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (f) => (path.resolve(f) === extra ? code : readFile(f));
  host.fileExists = (f) => path.resolve(f) === extra || ts.sys.fileExists(f);
  host.getSourceFile = (f, lang) => (path.resolve(f) === extra ? ts.createSourceFile(f, code, lang) : getSourceFile(f, lang));
  const program = ts.createProgram([...config.fileNames, extra], config.options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file)
    .map((d) => `${path.relative(ROOT, d.file!.fileName)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
}

const CORE_FILE = `import * as fs from 'node:fs';
export function leak(): number {
  document.title = 'x';
  void Excel.run(() => undefined);
  return fs.readFileSync('x').length;
}
`;

const PANE_FILE = `export function Leaky() {\n  return <button onClick={() => void Excel.run(async () => undefined)}>Go</button>;\n}\n`;
const XLSX_FILE = `export const w = window.innerWidth + process.pid;\n`;
const CLI_FINE = `import * as fs from 'node:fs';\nexport const n = fs.constants.O_RDONLY + process.pid;\n`;
const CLI_LEAK = `export const t = document.title;\n`;
Object.assign(CASES, {
  'src/core/leak.ts': CORE_FILE,
  'src/taskpane/Leaky.tsx': PANE_FILE,
  'src/workbook/xlsx/leak.ts': XLSX_FILE,
  'src/cli/fine.ts': CLI_FINE,
  'src/cli/leak.ts': CLI_LEAK,
});

test('a file in src/core that imports node:fs and touches document and Excel: ESLint names each', () => {
  const messages = lint('src/core/leak.ts', CORE_FILE);
  expect(messages).toEqual([
    expect.stringMatching(/^src\/core\/leak\.ts: 'node:fs' import is restricted/),
    expect.stringMatching(/^src\/core\/leak\.ts: Unexpected use of 'document'/),
    expect.stringMatching(/^src\/core\/leak\.ts: Unexpected use of 'Excel'/),
  ]);
});

test('the same file: src/core does not type-check, with the ES2022 library alone', () => {
  const errors = typecheckCore('src/core/leak.ts', CORE_FILE);
  expect(errors).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^src\/core\/leak\.ts: Cannot find module 'node:fs'/),
      expect.stringMatching(/^src\/core\/leak\.ts: Cannot find name 'document'/),
      expect.stringMatching(/^src\/core\/leak\.ts: Cannot find name 'Excel'/),
    ]),
  );
  // Every error is in that file: the rest of core compiles there, so the check does not fail for some other reason.
  expect(errors.filter((e) => !e.startsWith('src/core/leak.ts: '))).toEqual([]);
});

test('a pane component that calls Excel.run: ESLint names it', () => {
  const messages = lint('src/taskpane/Leaky.tsx', PANE_FILE);
  expect(messages).toEqual([expect.stringMatching(/^src\/taskpane\/Leaky\.tsx: Unexpected use of 'Excel'/)]);
});

test('the DOM and Node stay out of the adapters and core; Node is allowed in the command line only', () => {
  expect(lint('src/workbook/xlsx/leak.ts', XLSX_FILE)).toEqual([
    expect.stringMatching(/Unexpected use of 'window'/),
    expect.stringMatching(/Unexpected use of 'process'/),
  ]);
  expect(lint('src/cli/fine.ts', CLI_FINE)).toEqual([]);
  expect(lint('src/cli/leak.ts', CLI_LEAK)).toEqual([expect.stringMatching(/Unexpected use of 'document'/)]);
});
