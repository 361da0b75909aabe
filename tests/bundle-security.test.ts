import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// What SECURITY.md promises about the add-in's built files, checked on the real
// production build:
// - every page's Content-Security-Policy allows scripts from the add-in itself and
//   Microsoft's Office CDN only, with no 'unsafe-eval', and connections to self only;
// - no bundle evaluates strings as code (eval, new Function, string timers);
// - no bundle opens a network connection (fetch, XMLHttpRequest, WebSocket,
//   sendBeacon, EventSource, workers), and every absolute URL in them is either
//   office.js's CDN or an identifier that is never fetched (XML namespaces, error
//   message links).
//
// dist/ is used when it holds a build; otherwise the add-in is built into a
// temporary folder (not dist/: webpack cleans its output folder, which would remove
// dist/cli.js while other tests run the command).

const ROOT = path.resolve(__dirname, '..');
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const OFFICE_CDN = 'https://appsforoffice.microsoft.com';

/** Hosts that appear in the bundles as plain identifiers, never as addresses to fetch. */
const NEVER_FETCHED: Record<string, string> = {
  'appsforoffice.microsoft.com': "office.js's own address (the pane checks whether it loaded)",
  'schemas.openxmlformats.org': 'OOXML namespace names written into the .xlsx parts (preview mode writer)',
  'purl.oclc.org': 'OOXML Strict namespace names recognised by the .xlsx reader',
  'www.w3.org': 'XML, SVG and MathML namespace names (React DOM, the .xlsx reader and writer)',
  'json-schema.org': "a $schema string in zod's JSON Schema export (unused; never fetched)",
  'react.dev': "a link inside React's minified error messages",
};

let dist = '';
let jsFiles: string[] = [];
let htmlFiles: string[] = [];
const read = (f: string) => fs.readFileSync(path.join(dist, f), 'utf8');

beforeAll(() => {
  if (fs.existsSync(path.join(ROOT, 'dist', 'taskpane.html'))) {
    dist = path.join(ROOT, 'dist');
  } else {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'ragbook-dist-'));
    execFileSync('npx', ['webpack', '--mode', 'production', '--output-path', dist], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 600_000,
    });
  }
  // cli.js is the command's Node bundle (scripts/build-cli.mjs), never loaded by the add-in.
  jsFiles = fs.readdirSync(dist).filter((f) => f.endsWith('.js') && f !== 'cli.js');
  htmlFiles = fs.readdirSync(dist).filter((f) => f.endsWith('.html'));
}, 660_000);

afterAll(() => {
  if (dist && dist.startsWith(os.tmpdir())) fs.rmSync(dist, { recursive: true, force: true });
});

/** The places where `pattern` matches, each with some context, for a readable failure. */
function findAll(pattern: RegExp, files: string[]): { file: string; at: number; context: string }[] {
  const out: { file: string; at: number; context: string }[] = [];
  for (const file of files) {
    const text = read(file);
    const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      out.push({ file, at: m.index, context: text.slice(Math.max(0, m.index - 70), m.index + 90) });
      if (m[0] === '') re.lastIndex++;
    }
  }
  return out;
}

function csp(html: string): Map<string, string[]> {
  const m = /<meta\s+http-equiv=["']?Content-Security-Policy["']?\s+content=(?:"([^"]*)"|'([^']*)')/i.exec(html);
  expect(m).not.toBeNull();
  const policy = m![1] ?? m![2];
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name.toLowerCase(), values] as [string, string[]];
      }),
  );
}

test('the build has the pane, the command page and their scripts', () => {
  expect(htmlFiles).toEqual(expect.arrayContaining(['taskpane.html', 'commands.html']));
  expect(jsFiles.length).toBeGreaterThan(0);
});

describe('Content-Security-Policy of every page', () => {
  test.each(['taskpane.html', 'commands.html'])(
    '%s: scripts from self and the Office CDN only, no eval, connections to self only',
    (page) => {
      const policy = csp(read(page));
      expect(policy.get('default-src')).toEqual(["'self'"]);
      expect(policy.get('script-src')).toEqual(["'self'", OFFICE_CDN]);
      expect(policy.get('object-src')).toEqual(["'none'"]);
      expect(policy.get('connect-src') ?? ["'self'"]).toEqual(["'self'"]);
      expect(["'self'", "'none'"]).toContain((policy.get('base-uri') ?? ['missing'])[0]);
      for (const [name, values] of policy) {
        expect({
          name,
          values: values.filter(
            (v) => /unsafe-eval|wasm-unsafe-eval|unsafe-hashes|^\*$|^https?:$|^data:$/.test(v) && !(name === 'img-src' && v === 'data:'),
          ),
        }).toEqual({ name, values: [] });
        if (name !== 'style-src') expect({ name, inline: values.includes("'unsafe-inline'") }).toEqual({ name, inline: false });
      }
    },
  );

  test.each(['taskpane.html', 'commands.html'])('%s loads only its own scripts and office.js, and has no inline script', (page) => {
    const html = read(page);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      const src = /\bsrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))/.exec(attrs);
      expect({ attrs, inline: body.trim() }).toEqual({ attrs, inline: '' });
      expect(src).not.toBeNull();
      const url = src![1] ?? src![2] ?? src![3];
      if (/^[a-z]+:/i.test(url) || url.startsWith('//')) expect(url).toBe(OFFICE_JS);
      else expect(fs.existsSync(path.join(dist, url))).toBe(true);
    }
  });
});

describe('no code from strings', () => {
  test('no eval, no string timers, no Function constructor (except zod’s JIT probe, switched off by jitless)', () => {
    const evals = findAll(/(?<![\w$.])eval\s*\(|\bexecScript\s*\(|\bset(?:Timeout|Interval)\s*\(\s*["'`]/, jsFiles);
    expect(evals).toEqual([]);
    const ctor = findAll(/\bnew\s+Function\s*\(|(?<![\w$.])Function\s*\(\s*["'`]|=\s*Function\s*[,;)]/, jsFiles);
    // zod 4 compiles object parsers with new Function when it can ("JIT"), after a
    // probe; with z.config({ jitless: true }) neither the probe nor the JIT runs, so
    // the CSP is never even tested. Anything else is a failure.
    // Its Doc.compile builds `return (input) => {…}`; minifiers name the pieces differently.
    const zodSite = (c: string) => /new Function\(""\),!0|compile\(\)\{const \w+=Function|\w+=Function,\w+=`return \(input\) => \{/.test(c);
    // webpack's runtime shim for the global object: `globalThis` first, the Function
    // constructor only where globalThis is missing (no browser Office supports today),
    // and inside try/catch. Removable with target: ['web', 'es2020'] in webpack.config.js.
    const webpackGlobalShim = (c: string) =>
      /"object"==typeof globalThis\)return globalThis;try\{return this\|\|new Function\("return this"\)\(\)\}catch/.test(c);
    const jitless = fs
      .readdirSync(path.join(ROOT, 'src'), { recursive: true })
      .map(String)
      .filter((f) => /\.tsx?$/.test(f))
      .some((f) => /jitless\s*:\s*true/.test(fs.readFileSync(path.join(ROOT, 'src', f), 'utf8')));
    const unexplained = ctor.filter((c) => !zodSite(c.context) && !webpackGlobalShim(c.context));
    expect(unexplained).toEqual([]);
    const zod = ctor.filter((c) => zodSite(c.context));
    if (zod.length) {
      expect({
        zodJitSites: zod.map((c) => c.file),
        jitlessConfigured: jitless,
        remedy: jitless
          ? ''
          : "call z.config({ jitless: true }) in src/core before any schema parses (zod's own note: strict CSPs report the caught new Function as a securitypolicyviolation)",
      }).toEqual({ zodJitSites: zod.map((c) => c.file), jitlessConfigured: true, remedy: '' });
    }
  });
});

describe('no network from the add-in except office.js', () => {
  test('no fetch, XMLHttpRequest, WebSocket, sendBeacon, EventSource or workers in any bundle', () => {
    const calls = findAll(
      /(?<![\w$])fetch\s*\(|\bXMLHttpRequest\b|\bWebSocket\b|\bsendBeacon\s*\(|\bEventSource\b|\bnew\s+(?:Shared)?Worker\s*\(|\bimportScripts\s*\(|\bserviceWorker\s*\.\s*register\s*\(|\bRTCPeerConnection\b/,
      jsFiles,
    );
    expect(calls).toEqual([]);
  });

  test('every absolute URL in the bundles and pages is office.js or an identifier that is never fetched', () => {
    const urls = findAll(/\b(?:https?|wss?|ftp):\/\/([a-z0-9.-]*)/i, [...jsFiles, ...htmlFiles]);
    const unknown = urls
      .map((u) => ({ ...u, host: /:\/\/([a-z0-9.-]*)/i.exec(u.context.slice(70))?.[1]?.toLowerCase() ?? '' }))
      .filter((u) => u.host !== '' && !(u.host in NEVER_FETCHED));
    expect(unknown).toEqual([]);
    // The only script address outside the add-in is office.js, on Microsoft's CDN.
    const scriptish = urls.filter((u) => /appsforoffice/.test(u.context.slice(70, 130)));
    for (const u of scriptish) expect(u.context.slice(70)).toMatch(/^https:\/\/appsforoffice\.microsoft\.com(?:\/|[;\s"'])/);
  });
});
