import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

// What the pane loads before anything else must stay small: zod and the engine come
// with import() when a recalculation or a settings check needs them. This follows
// the value imports (not `import type`, not import()) from the pane's entry, so a
// core module that starts importing zod and is imported by the pane shows up here,
// naming the path, without a webpack build.

const SRC = path.join(__dirname, '..', '..', 'src');

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${from}: cannot resolve ${spec}`);
}

/** Module specifiers a file imports for their values at load time. */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, false);
  const out: string[] = [];
  for (const s of source.statements) {
    if (ts.isImportDeclaration(s)) {
      const clause = s.importClause;
      const spec = (s.moduleSpecifier as ts.StringLiteral).text;
      if (!clause)
        out.push(spec); // `import './x'` runs x
      else if (clause.isTypeOnly) continue;
      else if (clause.name) out.push(spec);
      else if (clause.namedBindings && ts.isNamespaceImport(clause.namedBindings)) out.push(spec);
      else if (clause.namedBindings && clause.namedBindings.elements.some((e) => !e.isTypeOnly)) out.push(spec);
    } else if (ts.isExportDeclaration(s) && s.moduleSpecifier && !s.isTypeOnly) {
      out.push((s.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return out;
}

/** Every file reached from `entry`, with the chain of imports that reaches it. */
function reach(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    for (const spec of valueImports(file)) {
      const target = resolve(file, spec) ?? `package:${spec}`;
      if (seen.has(target)) continue;
      seen.set(target, [...seen.get(file)!, target]);
      if (!target.startsWith('package:')) queue.push(target);
    }
  }
  return seen;
}

const rel = (f: string) => (f.startsWith('package:') ? f : path.relative(SRC, f));

describe("the pane's first bundle", () => {
  const reached = reach(path.join(SRC, 'taskpane', 'index.tsx'));

  test('holds no zod, whichever module would bring it', () => {
    const zod = [...reached.entries()].filter(([f]) => f === 'package:zod' || f === path.join(SRC, 'core', 'zod.ts'));
    expect(zod.map(([, chain]) => chain.map(rel).join(' → '))).toEqual([]);
  });

  test('holds neither the engine, the finding messages nor the .xlsx adapter', () => {
    const heavy = ['core/engine.ts', 'core/finding-codes.ts', 'core/settings.ts', 'core/report.ts', 'workbook/xlsx'];
    const found = [...reached.keys()].map(rel).filter((f) => heavy.some((h) => f.startsWith(h)));
    expect(found).toEqual([]);
  });

  test('shares core\u2019s plain modules rather than copying them', () => {
    const files = [...reached.keys()].map(rel);
    for (const shared of [
      'core/percent.ts',
      'core/long-date.ts',
      'core/month-names.ts',
      'core/iso-date.ts',
      'core/vocabulary/progress.ts',
    ]) {
      expect(files).toContain(shared);
    }
  });
});
