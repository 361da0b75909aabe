import { type ChildProcess, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import type { Workstream } from '../../src/core/model';
import { CHROMIUM, CHROMIUM_ARGS, startPreviewServer } from './browser';
import { makeUnseenTracker } from './unseen-tracker';

const engine = () => import('../../src/core/engine');
const xlsx = () => import('../../src/workbook/xlsx/read');

// The built task pane opened in Chromium, outside Office, so in preview mode, at a
// task pane's width (350 px): open a tracker, recalculate, compare the figures on
// screen with the engine's, use a finding's Go to cell, download the updated
// workbook and read it back, and let axe look for accessibility faults, in the light
// and the dark theme. Screenshots go to tests/artifacts/ (docs/screenshots/ holds
// copies for the README).
//
// Run with `npm run test:interop`. dist/ is built first if missing
// (or always, with RAGBOOK_E2E_BUILD=1).

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts');
const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'workstreams-messy.xlsx');
const AS_OF = '2025-09-30';
/** A task pane's width in Excel. */
const PANE_WIDTH = 350;
/** The pane's initial JavaScript, gzipped: 200 KB is the goal, 250 KB the limit. */
const INITIAL_JS_LIMIT = 250 * 1024;

/** The scripts taskpane.html loads before any import(): what the add-in costs to open. */
function initialScripts(): string[] {
  const html = readFileSync(path.join(DIST, 'taskpane.html'), 'utf8');
  // The minified HTML may leave attribute values unquoted.
  return [...html.matchAll(/<script[^>]*?\bsrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))/g)]
    .map((m) => m[1] ?? m[2] ?? m[3])
    .filter((src) => !/^https?:/.test(src));
}

const WORKSTREAMS = 'section[aria-labelledby="workstreams-heading"]';
const SUMMARY = 'section[aria-labelledby="summary-heading"]';

describe('the task pane in a browser (preview mode)', () => {
  let server: ChildProcess | undefined;
  let url = '';
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    if (process.env.RAGBOOK_E2E_BUILD || !existsSync(path.join(DIST, 'taskpane.html'))) {
      execFileSync('npx', ['webpack', '--mode', 'production'], { cwd: ROOT, stdio: 'inherit', timeout: 900_000 });
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    let origin: string;
    ({ server, origin } = await startPreviewServer(DIST));
    url = `${origin}/taskpane.html`;
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }, 1_000_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    server?.kill();
  });

  /**
   * A task-pane-sized page. office.js is refused, as when offline, unless a stand-in
   * is given: the pane must then fall into preview mode on its own.
   */
  async function openPane(opts: { officeJs?: string; colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: PANE_WIDTH, height: 900 },
      acceptDownloads: true,
      colorScheme: opts.colorScheme ?? 'light',
    });
    contexts.push(context);
    await context.route('https://appsforoffice.microsoft.com/**', (route) =>
      opts.officeJs === undefined ? route.abort() : route.fulfill({ status: 200, contentType: 'text/javascript', body: opts.officeJs }),
    );
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    (page as Page & { problems: string[] }).problems = problems;
    await page.goto(url);
    return page;
  }

  const problemsOf = (page: Page) => (page as Page & { problems: string[] }).problems;

  async function openAndRecalculate(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Open workbook' }).setInputFiles(FIXTURE);
    await page.getByText('Opened workstreams-messy.xlsx').waitFor();
    await page.getByLabel('As of', { exact: true }).fill(AS_OF);
    await page.getByRole('button', { name: 'Recalculate summary' }).click();
    await resultOrError(page);
  }

  /** Waits for the result; a failed run fails at once with the message the pane shows. */
  async function resultOrError(page: Page): Promise<void> {
    const alert = page.getByRole('alert');
    await page.locator(WORKSTREAMS).or(alert).first().waitFor({ timeout: 60_000 });
    if (await alert.count()) throw new Error(`the pane shows an error: ${await alert.first().innerText()}`);
  }

  async function expectNoAxeViolations(page: Page): Promise<void> {
    const { violations } = await new AxeBuilder({ page }).analyze();
    const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(summary).toEqual([]);
  }

  /**
   * A screenshot of the pane from its top to the end of the section `until`
   * (default: the whole page), or of the section `from` onwards, `height` tall.
   */
  async function shot(page: Page, name: string, opts: { until?: string; from?: string; height?: number } = {}): Promise<void> {
    const file = path.join(ARTIFACTS, name);
    const width = page.viewportSize()!.width;
    const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;
    let clip: { x: number; y: number; width: number; height: number } | undefined;
    const scrollY = await page.evaluate(() => window.scrollY);
    if (opts.until) {
      const b = await box(opts.until);
      clip = { x: 0, y: 0, width, height: Math.ceil(b.y + scrollY + b.height + 12) };
    } else if (opts.from) {
      const b = await box(opts.from);
      const full = await page.evaluate(() => document.documentElement.scrollHeight);
      const y = Math.max(0, Math.floor(b.y + scrollY - 12));
      clip = { x: 0, y, width, height: Math.min(opts.height ?? 900, full - y) };
    }
    await page.screenshot({ path: file, animations: 'disabled', fullPage: true, ...(clip ? { clip } : {}) });
  }

  /** Opens every work stream's line, so its details are on screen. */
  async function openAllLines(page: Page): Promise<void> {
    const lines = page.locator(`${WORKSTREAMS} > ul > li > button[aria-expanded]`);
    const n = await lines.count();
    for (let i = 0; i < n; i++) if ((await lines.nth(i).getAttribute('aria-expanded')) === 'false') await lines.nth(i).click();
  }

  /** A headline line's words: `Actions` → `44 actions: 24 completed (55%), …`. */
  async function headlineLine(page: Page, label: string): Promise<string> {
    const term = page.locator(`${SUMMARY} dt`, { hasText: new RegExp(`^${label}$`) });
    return (await term.locator('xpath=following-sibling::dd[1]').innerText()).replace(/\s+/g, ' ');
  }

  /** The line and details of each work stream show its title, counts, RAG and any stale hand-typed totals, as the engine has them. */
  async function expectRowsMatch(page: Page, workstreams: Workstream[]): Promise<void> {
    await openAllLines(page);
    const rows = page.locator(`${WORKSTREAMS} > ul > li`);
    expect(await rows.count()).toBe(workstreams.length);
    for (let i = 0; i < workstreams.length; i++) {
      const w = workstreams[i];
      const c = w.figures.counts;
      const text = (await rows.nth(i).innerText()).replace(/\s+/g, ' ');
      const expected = [w.title, `${c.total} action`, w.figures.rag];
      if (w.kind === 'progress' || w.kind === 'both') {
        expected.push(`${c.completed} completed`, `${c.inProgress} in progress`, `${c.static} static`);
        if (c.notStarted) expected.push(`${c.notStarted} not started`);
        if (c.noStatus) expected.push(`${c.noStatus} without status`);
        expected.push(`${Math.floor((200 * c.completed + c.total) / (2 * Math.max(1, c.total)))}%`);
      } else {
        // Nothing counted: words, never 0%.
        expected.push('not recorded');
      }
      if (w.kind === 'ratings') {
        const r = w.figures.ratings;
        for (const [n, word] of [
          [r.green, 'Green'],
          [r.amber, 'Amber'],
          [r.red, 'Red'],
          [r.blue, 'Blue'],
        ] as const)
          if (n) expected.push(`${n} ${word}`);
      }
      if (w.stated && !w.stated.matches) {
        for (const d of w.stated.differences) {
          const f = (n: number | null) => (n === null ? 'nothing' : d.field.startsWith('percent.') ? `${Math.round(n * 100)}%` : String(n));
          expected.push(`${d.label}: typed ${f(d.stated)}, counted ${f(d.actual)}`);
        }
      }
      for (const e of expected)
        expect({ row: w.title, has: text.includes(e) ? e : `missing: ${e} in ${text}` }).toEqual({ row: w.title, has: e });
    }
  }

  /** The headline's overall figures are the engine's. */
  async function expectHeadlineMatches(page: Page, result: { overall: Workstream['figures']; workstreams: Workstream[] }): Promise<void> {
    const summary = (await page.locator(SUMMARY).innerText()).replace(/\s+/g, ' ');
    expect(summary).toContain(`Overall ${result.overall.rag}`);
    expect(await headlineLine(page, 'Actions')).toMatch(new RegExp(`^${result.overall.counts.total} actions?[:;]`));
    expect(await headlineLine(page, 'Work streams')).toMatch(new RegExp(`^${result.workstreams.length} work streams?: `));
  }

  test('the initial JavaScript is small and holds no .xlsx reader, zod or engine', () => {
    const scripts = initialScripts();
    expect(scripts.length).toBeGreaterThan(0);
    let gzipped = 0;
    for (const src of scripts) {
      const js = readFileSync(path.join(DIST, src));
      gzipped += gzipSync(js, { level: 9 }).length;
      const text = js.toString('utf8');
      // Words that only the .xlsx reader and the engine contain.
      expect(text).not.toContain('zip bomb');
      expect(text).not.toContain('No tracker table was found');
    }
    console.log(`initial task pane JS: ${scripts.join(', ')} = ${(gzipped / 1024).toFixed(1)} KB gzipped`);
    expect(gzipped).toBeLessThanOrEqual(INITIAL_JS_LIMIT);
  });

  test('opens a tracker, shows the engine\u2019s figures and findings, goes to a cell and downloads the workbook', async () => {
    const page = await openPane();
    await openAndRecalculate(page);

    // The headline first, and its figures are the engine's: the tracker's 44 actions.
    expect(await headlineLine(page, 'Actions')).toMatch(/^44 actions: 24 completed \(55%\)/);
    const { recalculate } = await engine();
    const { readXlsx } = await xlsx();
    const { grid } = readXlsx(new Uint8Array(readFileSync(FIXTURE)), 'workstreams-messy.xlsx');
    const { result } = recalculate(grid, { asOf: AS_OF, now: new Date() });
    await expectHeadlineMatches(page, result);

    // One compact line per work stream at a task pane's width: the RAG, the title, % completed.
    const lines = page.locator(`${WORKSTREAMS} > ul > li > button`);
    expect(await lines.count()).toBe(result.workstreams.length);
    for (let i = 0; i < result.workstreams.length; i++) {
      const box = (await lines.nth(i).boundingBox())!;
      expect({ line: i, height: box.height <= 40 }).toEqual({ line: i, height: true });
      expect(box.x + box.width).toBeLessThanOrEqual(PANE_WIDTH);
    }
    await shot(page, 'pane-result.png', { until: WORKSTREAMS });
    await expectNoAxeViolations(page);

    // Details on demand: each line opens to the counts, the stale totals and why.
    await expectRowsMatch(page, result.workstreams);
    const rows = page.locator(`${WORKSTREAMS} > ul > li`);
    // The stale hand-typed totals under 2b (covering 2a and 2b): both numbers on screen.
    const stale = (await rows.nth(2).innerText()).replace(/\s+/g, ' ');
    expect(stale).toContain('Completed: typed 6, counted 7');
    expect(stale).toContain('In progress: typed 3, counted 2');
    expect(stale).toContain('Counted together: 10 actions: 7 completed, 2 in progress, 1 static.');
    await expectNoAxeViolations(page);

    // Go to cell: in a browser there is no sheet to select, so the pane says where the cell is.
    const findings = page.getByRole('heading', { name: /^Findings \(\d+\)$/ });
    const { shownFindings } = await import('../../src/core/findings-collapse');
    expect(await findings.innerText()).toBe(`Findings (${shownFindings(result).length})`);
    // Narrowed to the warnings, then all again; the notes start folded.
    await page.getByLabel('Severity').selectOption('warning');
    await page.getByText(/^Showing \d+ of \d+ findings\.$/).waitFor();
    await page.getByLabel('Severity').selectOption('');
    expect(await page.getByRole('button', { name: /^Show \d+ notes$/ }).count()).toBe(1);
    const goTo = page.getByRole('button', { name: /^Go to cell / }).first();
    const label = (await goTo.getAttribute('aria-label'))!.replace('Go to cell ', '');
    await goTo.click();
    await page.getByText(`${label} — open the downloaded workbook in Excel to edit it.`).first().waitFor();
    await shot(page, 'pane-findings.png', { from: 'section[aria-labelledby="findings-heading"]', height: 1100 });
    await expectNoAxeViolations(page);

    // Download: the updated workbook has the RAG sheets, and the engine reads the same figures from it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download workbook' }).click()]);
    expect(download.suggestedFilename()).toBe('workstreams-messy.ragbook.xlsx');
    const bytes = new Uint8Array(readFileSync((await download.path())!));
    const back = readXlsx(bytes, 'workstreams-messy.ragbook.xlsx').grid;
    const summary = back.sheets.find((s) => s.name === 'RAG Summary');
    expect(summary).toBeDefined();
    expect(summary!.owned).toBe('summary');
    expect(back.sheets.some((s) => s.owned === 'issues')).toBe(true);
    const again = recalculate(back, { asOf: AS_OF, now: new Date() }).result;
    expect(again.overall.counts).toEqual(result.overall.counts);
    expect(problemsOf(page)).toEqual([]);
  });

  test('keyboard alone: Enter in the as-of date, or Tab to the button and Space, recalculates', async () => {
    const page = await openPane();
    await page.getByRole('button', { name: 'Open workbook' }).setInputFiles(FIXTURE);
    await page.getByText('Opened workstreams-messy.xlsx').waitFor();
    const date = page.getByLabel('As of', { exact: true });
    await date.fill(AS_OF);
    await date.focus();
    await page.keyboard.press('Enter');
    await resultOrError(page);

    await page
      .locator(SUMMARY)
      .getByText(/^As of 30 September 2025 · /)
      .waitFor();

    // A new date, then Tab (through the date's day, month and year) to the button, and Space.
    await date.fill('2025-10-31');
    await date.focus();
    let focused: string | null | undefined = '';
    for (let i = 0; i < 6 && focused !== 'Recalculate summary'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.textContent);
    }
    expect(focused).toBe('Recalculate summary');
    await page.keyboard.press('Space');
    await page
      .locator(SUMMARY)
      .getByText(/^As of 31 October 2025 · /)
      .waitFor();
  });

  test('the tables read, at 350 px, in light and dark: every table and its columns listed, axe clean; a correction saved travels in the downloaded workbook', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await openPane({ colorScheme });
      await page.setViewportSize({ width: 350, height: 900 });
      await openAndRecalculate(page);
      const { recalculate } = await engine();
      const { readXlsx } = await xlsx();
      const { result } = recalculate(readXlsx(new Uint8Array(readFileSync(FIXTURE)), 'workstreams-messy.xlsx').grid, {
        asOf: AS_OF,
        now: new Date(),
      });
      await page.getByRole('button', { name: 'Show tables' }).click();
      const headings = page.locator('section[aria-labelledby="tables-heading"] h3');
      expect(await headings.allInnerTexts()).toEqual(
        result.tables.map((t) => `${t.sheet}!${t.range}${t.excelTable ? ` (Excel Table ${t.excelTable})` : ''}`),
      );
      const first = result.tables[0];
      await page.getByRole('button', { name: `Show how ${first.sheet}!${first.range} was read` }).click();
      for (const c of first.columns) await page.getByRole('combobox', { name: new RegExp(`^Column ${c.column}\\b`) }).waitFor();
      // Nothing wider than the pane: no sideways scrolling at 350 px.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(350);
      await shot(page, `pane-tables-${colorScheme}.png`, { from: 'section[aria-labelledby="tables-heading"]', height: 1400 });
      await expectNoAxeViolations(page);
      if (colorScheme === 'dark') break;

      // A correction: the first work stream renamed, saved, then the workbook recalculated and downloaded.
      const ws = first.workstreams[0];
      await page.getByRole('textbox', { name: `Title of the work stream in ${ws.range}` }).fill('Front door (renamed)');
      await page.getByRole('button', { name: 'Save corrections' }).click();
      await page.getByText('Corrections saved in the workbook. They apply from the next recalculation.').waitFor();
      await page.getByRole('button', { name: 'Recalculate summary' }).click();
      await resultOrError(page);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download workbook' }).click(),
      ]);
      const back = readXlsx(new Uint8Array(readFileSync((await download.path())!)), 'out.xlsx').grid;
      const stored = typeof back.settings === 'string' ? JSON.parse(back.settings) : back.settings;
      expect(stored.tables).toEqual([{ sheet: first.sheet, range: ws.range, title: 'Front door (renamed)' }]);
      expect(problemsOf(page)).toEqual([]);
    }
  });

  test('dark colour scheme: the pane follows it and axe still finds nothing', async () => {
    const page = await openPane({ colorScheme: 'dark' });
    await openAndRecalculate(page);
    const background = await page.evaluate(() => getComputedStyle(document.querySelector('.fui-FluentProvider')!).backgroundColor);
    expect(background).not.toBe('rgb(255, 255, 255)');
    await shot(page, 'pane-dark.png', { until: WORKSTREAMS });
    await expectNoAxeViolations(page);
    await openAllLines(page);
    await page.getByRole('button', { name: /^Show \d+ notes$/ }).click();
    await expectNoAxeViolations(page);
  });

  test('focus stays on Open workbook after a file is chosen, while it is read and after', async () => {
    const page = await openPane();
    const open = page.getByRole('button', { name: 'Open workbook' });
    await open.focus();
    await open.setInputFiles(FIXTURE);
    await page.getByText('Opened workstreams-messy.xlsx').waitFor();
    expect(await open.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  // Every fixture tracker shape, and LibreOffice's copy: the figures on screen are the
  // engine's, and the overall figures are the tracker's own (fixtures/expected.json).
  const expectedJson = JSON.parse(readFileSync(path.join(ROOT, 'tests', 'fixtures', 'expected.json'), 'utf8'));
  const STATUS_WORD: Record<string, string> = {
    Completed: 'completed',
    'In progress': 'in progress',
    Static: 'static',
    'Not started': 'not started',
    '(blank)': 'without status',
    Green: 'Green',
    Amber: 'Amber',
    Red: 'Red',
  };
  test.each([
    ['tests/fixtures/workstreams.xlsx', 'workstreams.xlsx'],
    ['tests/fixtures/rag-review.xlsx', 'rag-review.xlsx'],
    ['tests/fixtures/milestones.xlsx', 'milestones.xlsx'],
    ['tests/fixtures/lo/workstreams-messy.xlsx', 'workstreams-messy.xlsx'],
    ['examples/improvement-plan.xlsx', null],
  ])('%s: the figures on screen are the engine\u2019s and the tracker\u2019s own, and the download holds them', async (file, key) => {
    const fixture = path.join(ROOT, file);
    const name = path.basename(file);
    const page = await openPane();
    await page.getByRole('button', { name: 'Open workbook' }).setInputFiles(fixture);
    await page.getByText(`Opened ${name}`).waitFor();
    await page.getByLabel('As of', { exact: true }).fill(AS_OF);
    await page.getByRole('button', { name: 'Recalculate summary' }).click();
    await resultOrError(page);

    const { recalculate } = await engine();
    const { readXlsx } = await xlsx();
    const { result } = recalculate(readXlsx(new Uint8Array(readFileSync(fixture)), name).grid, { asOf: AS_OF, now: new Date() });
    expect(result.workstreams.length).toBeGreaterThan(0);
    await expectRowsMatch(page, result.workstreams);
    await expectHeadlineMatches(page, result);

    if (key) {
      const e = expectedJson[key];
      const counts: Record<string, number> = e.overall_normalised_status_counts ?? e.status_counts;
      const total = e.overall_total_actions ?? Object.values(counts).reduce((a, b) => a + b, 0);
      const actions = await headlineLine(page, 'Actions');
      expect(actions).toMatch(new RegExp(`^${total} actions[:;]`));
      const lines = await page.locator(`${WORKSTREAMS} > ul > li`).allInnerTexts();
      const all = lines.join(' ').replace(/\s+/g, ' ');
      for (const [status, n] of Object.entries(counts)) {
        // Progress words are in the headline's overall sentence; ratings in each register's details.
        if (STATUS_WORD[status] === STATUS_WORD[status].toLowerCase()) expect(actions).toContain(`${n} ${STATUS_WORD[status]}`);
        else expect(all).toContain(STATUS_WORD[status]);
      }
    }

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download workbook' }).click()]);
    const back = readXlsx(new Uint8Array(readFileSync((await download.path())!)), download.suggestedFilename()).grid;
    expect(back.sheets.filter((s) => s.owned).map((s) => s.owned)).toEqual(
      expect.arrayContaining(['summary', 'actions', 'issues', 'history']),
    );
    expect(recalculate(back, { asOf: AS_OF, now: new Date() }).result.overall.counts).toEqual(result.overall.counts);
    expect(problemsOf(page)).toEqual([]);
  });

  test('an unseen tracker, driven only by the three names: the figures match what its rows say, with its stale total beside them', async () => {
    const { bytes, streams } = await makeUnseenTracker();
    const file = path.join(ARTIFACTS, 'unseen-tracker.xlsx');
    writeFileSync(file, bytes);
    const page = await openPane();
    // As a person would: click Open workbook, choose the file, and click Recalculate
    // summary at once, without waiting for the file to be read.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open workbook' }).click()]);
    await chooser.setFiles(file);
    await page.getByRole('button', { name: 'Recalculate summary' }).click();
    await resultOrError(page);

    await openAllLines(page);
    const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    for (const s of streams) {
      const a = s.actual;
      expect(text).toContain(`${a.total} actions: ${a.completed} completed, ${a.inProgress} in progress, ${a.static} static`);
    }
    const housing = streams[0];
    expect(housing.typed).not.toEqual(housing.actual);
    expect(text).toContain(`In progress: typed ${housing.typed.inProgress}, counted ${housing.actual.inProgress}`);
    expect(text).toContain(`Static: typed ${housing.typed.static}, counted ${housing.actual.static}`);
    const all = streams.reduce((n, s) => n + s.actual.total, 0);
    expect(await headlineLine(page, 'Actions')).toMatch(new RegExp(`^${all} actions: `));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download workbook' }).click()]);
    expect(download.suggestedFilename()).toBe('unseen-tracker.ragbook.xlsx');
    const { readXlsx } = await xlsx();
    const back = readXlsx(new Uint8Array(readFileSync((await download.path())!)), 'unseen-tracker.ragbook.xlsx').grid;
    expect(back.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['Housing options', 'Adult care', 'RAG Summary', 'RAG Issues']));
    await expectNoAxeViolations(page);
  });

  test('a file that is not a workbook is explained plainly', async () => {
    const page = await openPane();
    await page
      .getByRole('button', { name: 'Open workbook' })
      .setInputFiles({ name: 'minutes.xlsx', mimeType: 'text/plain', buffer: Buffer.from('Minutes of the board, 3 March') });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('minutes.xlsx is not an Excel workbook');
  });

  test('the ribbon command\u2019s failure dialog (commands.html?dialog=1) shows the reason and an OK button, and passes axe', async () => {
    const page = await openPane();
    const reason = 'Excel is editing a cell. Press Enter or Esc to leave the cell, then click Recalculate summary again.';
    const query = new URLSearchParams({ dialog: '1', title: 'Ragbook could not recalculate the summary', message: reason });
    await page.goto(url.replace('taskpane.html', `commands.html?${query}`));
    await page.getByRole('heading', { name: 'Ragbook could not recalculate the summary' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toBe(reason);
    const ok = page.getByRole('button', { name: 'OK' });
    expect(await ok.evaluate((b) => b === document.activeElement)).toBe(true);
    await expectNoAxeViolations(page);
    expect(problemsOf(page)).toEqual([]);
  });

  test('office.js loads but reports no Office host: preview mode', async () => {
    const page = await openPane({
      officeJs:
        "window.Office = { HostType: { Excel: 'Excel' }, onReady: function () { return Promise.resolve({ host: null, platform: null }); } };",
    });
    await page.getByRole('button', { name: 'Open workbook' }).waitFor({ state: 'attached', timeout: 5000 });
  });

  test('office.js loads but never becomes ready: preview mode after the timeout', async () => {
    const page = await openPane({
      officeJs: "window.Office = { HostType: { Excel: 'Excel' }, onReady: function () { return new Promise(function () {}); } };",
    });
    await page.getByRole('button', { name: 'Open workbook' }).waitFor({ state: 'attached', timeout: 8000 });
  });

  test('inside Excel (office.js reports Excel) it is the add-in pane, in Office\u2019s dark theme', async () => {
    const page = await openPane({
      officeJs:
        "window.Office = { HostType: { Excel: 'Excel' }, context: { officeTheme: { bodyBackgroundColor: '#262626' }, requirements: { isSetSupported: function () { return true; } } }, onReady: function () { return Promise.resolve({ host: 'Excel', platform: 'OfficeOnline' }); } };",
    });
    await page.getByText('Checks the trackers in this workbook and writes a RAG summary.').waitFor();
    expect(await page.getByRole('button', { name: 'Open workbook' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Recalculate summary' }).waitFor();
    const background = await page.evaluate(() => getComputedStyle(document.querySelector('.fui-FluentProvider')!).backgroundColor);
    expect(background).not.toBe('rgb(255, 255, 255)');
  });
});
