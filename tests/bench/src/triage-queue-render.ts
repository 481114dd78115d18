import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { freePort, REPO_ROOT } from '@vt/testing';
import { summarize, Summary } from './stats';
import { log } from './support';

/*
 * `npm run bench -- triage-queue`: how fast the workspace's triage queue (#/triage) renders and re-sorts a realistic
 * regional workload (issue 12: 2,000 open assessments, "renders and sorts in under a second"). The built workspace
 * (`vite build`, `vite preview`) in Debian's Chromium (playwright-core); the queue API is answered by `page.route`
 * with generated entries (random ids, no personal data), so no service runs. Prints one JSON document; asserts nothing.
 */

const ITEMS = Number(process.env['BENCH_TRIAGE_ITEMS'] ?? 2000);
const LOADS = Number(process.env['BENCH_TRIAGE_LOADS'] ?? 5);
const RESORTS = Number(process.env['BENCH_TRIAGE_RESORTS'] ?? 10);
const CHROMIUM = process.env['VT_CHROMIUM'] ?? '/usr/bin/chromium';
const VITE = path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
const DAY = 86_400_000;

/** A token the workspace reads to pick its screens (claims only; nothing verifies it, as no service is called). */
function benchToken(): string {
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'bench-triage', roles: ['triage'], regions: ['vt-bench'], exp: Math.floor(Date.now() / 1000) + 3600 })}.x`;
}

/** Synthetic open assessments due from 3 days ago to 8 days ahead, a quarter of them acute. */
function queueBody(count: number, now: number): string {
  const assessments = Array.from({ length: count }, (_, i) => {
    const id = crypto.randomUUID();
    const dueAt = now - 3 * DAY + Math.floor(Math.random() * 11 * DAY);
    const approachingAt = dueAt - DAY;
    const state = now >= dueAt ? 'breached' : now >= approachingAt ? 'approaching' : 'running';
    return {
      subjectId: id, basis: i % 50 === 0 ? 'monitoring' : 'melding', meldingId: i % 50 === 0 ? crypto.randomUUID() : id, householdId: crypto.randomUUID(),
      receivedAt: new Date(dueAt - 7 * DAY - Math.floor(Math.random() * DAY)).toISOString(), registeredAt: new Date(dueAt - 7 * DAY).toISOString(), acute: i % 4 === 0,
      monitoringId: null, radar: 'first', hasMinor: i % 3 === 0, dueAt: new Date(dueAt).toISOString(), approachingAt: new Date(approachingAt).toISOString(), deadlineState: state,
      legalBasis: 'Uitvoeringsbesluit Wmo 2015 art. 4.1.7', calendar: 'nl', workingDaysLeft: Math.max(0, Math.ceil(((dueAt - now) / DAY) * (5 / 7))), joinedRequests: [],
    };
  });
  return JSON.stringify({ region: 'vt-bench', asOf: new Date(now).toISOString(), assessments });
}

function run(args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VITE, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite ${args[0]} exited ${code}: ${output.slice(-2000)}`))));
  });
}

export async function runTriageQueueBenchmark(): Promise<number> {
  const startedAt = performance.now();
  const outDir = mkdtempSync(path.join(tmpdir(), 'vt-bench-workspace-'));
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'vt-bench-chromium-'));
  const viteEnv = { WORKSPACE_OUT_DIR: outDir, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' };
  let preview: ChildProcess | undefined;
  const report: Record<string, unknown> = { benchmark: 'triage-queue-render', timestamp: new Date().toISOString(), items: ITEMS };
  try {
    log('vite build');
    await run(['build', '--config', 'apps/workspace/vite.config.ts'], viteEnv);
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    preview = spawn(process.execPath, [VITE, 'preview', '--config', 'apps/workspace/vite.config.ts'], { cwd: REPO_ROOT, env: { ...process.env, ...viteEnv, WORKSPACE_PORT: String(port), NODE_ENV: 'development' }, stdio: 'ignore' });
    for (let i = 0; !(await fetch(`${baseUrl}/workspace-config.json`).then((r) => r.ok, () => false)); i++) {
      if (i > 300) throw new Error(`vite preview did not answer at ${baseUrl}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    report['environment'] = { chromium: context.browser()?.version() ?? (await context.newCDPSession(context.pages()[0] ?? (await context.newPage())).then((s) => s.send('Browser.getVersion')).then((v) => v.product, () => 'unknown')), cpus: (await import('node:os')).cpus().length };
    const page = context.pages()[0] ?? (await context.newPage());
    const token = benchToken();
    await page.addInitScript(`sessionStorage.setItem('vt-workspace-session', ${JSON.stringify(token)});
      const original = window.fetch.bind(window);
      window.fetch = (input, init) => original(input, init).then((response) => { if (String(input).includes('/assessment-queue')) window.__queueAnswered = performance.now(); return response; });`);
    let body = '';
    await page.route('**/svc/crisis-triage/api/v1/regions/*/assessment-queue', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));

    let renderedRows = 0;
    const toRows: number[] = [];
    const navigationToRows: number[] = [];
    for (let i = 0; i < LOADS + 1; i++) {
      body = queueBody(ITEMS, Date.now());
      await page.goto(`${baseUrl}/#/triage`);
      const times = await page.waitForFunction(
        `document.querySelector('table.queue')?.getAttribute('data-rows') === '${ITEMS}' && document.querySelector('table.queue tbody tr.row') && window.__queueAnswered !== undefined ? { rows: performance.now(), answered: window.__queueAnswered, rendered: document.querySelectorAll('table.queue tbody tr.row').length } : false`,
        undefined,
        { polling: 'raf', timeout: 60_000 },
      ).then((handle) => handle.jsonValue() as Promise<{ rows: number; answered: number; rendered: number }>);
      renderedRows = times.rendered;
      if (i === 0) continue; // warm-up: the first load also compiles the bundle
      toRows.push(times.rows - times.answered);
      navigationToRows.push(times.rows);
    }

    // Re-sort: change "Sorteren op" / "Volgorde" as the keyboard does (a change event on the select), until the next frame.
    const resort = async (id: string, value: string) =>
      page.evaluate<number>(`new Promise((resolve) => {
        const select = document.getElementById(${JSON.stringify(id)});
        const start = performance.now();
        select.value = ${JSON.stringify(value)};
        select.dispatchEvent(new Event('change', { bubbles: true }));
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
      })`);
    const sortSamples: number[] = [];
    const steps: [string, string][] = [['triage-sort', 'receivedAt'], ['triage-sort', 'status'], ['triage-direction', 'desc'], ['triage-sort', 'dueAt'], ['triage-direction', 'asc']];
    for (let i = 0; i < RESORTS; i++) for (const [id, value] of steps) sortSamples.push(await resort(id, value));
    const filterSamples: number[] = [];
    for (let i = 0; i < RESORTS; i++) {
      filterSamples.push(await resort('triage-filter-status', 'breached'));
      filterSamples.push(await resort('triage-filter-status', 'all'));
    }
    await context.close();
    const ms = (s: Summary) => ({ ...s, min: Math.round(s.min), mean: Math.round(s.mean), p50: Math.round(s.p50), p95: Math.round(s.p95), p99: Math.round(s.p99), max: Math.round(s.max) });
    report['firstRender'] = {
      description: `the queue's fetch resolving → the table of ${ITEMS} entries in the DOM with its first rows (checked in a requestAnimationFrame callback): JSON parse, sort, React render of the rows near the viewport (windowing), style and layout; ${LOADS} loads after one warm-up`,
      rowsInTheDom: renderedRows,
      queueAnswerToRowsMs: ms(summarize(toRows, 0)),
      navigationToRowsMs: ms(summarize(navigationToRows, 0)),
    };
    report['resort'] = {
      description: `a change of "Sorteren op" or "Volgorde" (${steps.length} alternating changes × ${RESORTS}) → the next frame: sort of ${ITEMS} entries, React moving the rows, layout`,
      ms: ms(summarize(sortSamples, 0)),
    };
    report['filter'] = { description: `"Termijnstatus" to breached and back to all (${RESORTS} × 2) → the next frame`, ms: ms(summarize(filterSamples, 0)) };
    report['ok'] = true;
  } catch (error) {
    report['ok'] = false;
    report['error'] = (error as Error).message.split('\n')[0];
  } finally {
    preview?.kill('SIGTERM');
    rmSync(outDir, { recursive: true, force: true });
    rmSync(userDataDir, { recursive: true, force: true });
  }
  report['wallTimeMs'] = Math.round(performance.now() - startedAt);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return report['ok'] ? 0 : 1;
}
