import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { axeViolations, focused, tabTo, typeInto } from './browser';
import { startOidcProvider, startPreview } from './oidc';
import { TOPICS } from '@vt/contracts';
import { aMelding, freePort, RunningService, startService, testEnvironment, TestEnvironment, TopicReader, waitFor } from '@vt/testing';

const ROOT = join(__dirname, '..', '..', '..', '..');
/** Debian's chromium (tools/ensure-deps.mjs installs it); Playwright's own browser download cannot reach its host here. */
const CHROMIUM = process.env['VT_CHROMIUM'] ?? '/usr/bin/chromium';
const VITE = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');

/**
 * The workspace (apps/workspace) in a real browser against the five services it reads (intake, crisis-triage,
 * safety-investigation, referral, shelter-placement): built with `vite build`, served by
 * `vite preview` with its proxy to this run's services and its dev token endpoint on this run's issuer.
 */
describe('workspace: one acute melding from the call handler through the crisis screen and the triage queue to the household view, by keyboard', () => {
  let env: TestEnvironment;
  let services: RunningService[] = [];
  let preview: ChildProcess | undefined;
  let previewOutput = '';
  let baseUrl: string;
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const outDir = join(ROOT, '.local', 'test-workspace', `${process.pid}-${Date.now()}`);
  /** What each step leaves for the next: the steps run in order, as the melding moves through Veilig Thuis. */
  const flow: { meldingId?: string; householdId?: string } = {};
  /** Each service's environment, for a replica configured otherwise (the OIDC step). */
  const serviceEnvs: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    env = testEnvironment();
    const names = ['intake', 'crisis-triage', 'safety-investigation', 'referral', 'shelter-placement'] as const;
    const build = run(process.execPath, [VITE, 'build', '--config', 'apps/workspace/vite.config.ts'], { WORKSPACE_OUT_DIR: outDir, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' });
    build.catch(() => undefined); // awaited below, after the services; a failure then is reported there
    const envs = await Promise.all(names.map((name) => env.serviceEnv(name.replace(/-/g, '_'))));
    names.forEach((name, i) => (serviceEnvs[name] = envs[i] as Record<string, string>));
    // Every service that did start is stopped in afterAll, also when another one failed to.
    const started = await Promise.allSettled(names.map((name, i) => startService(name, envs[i] as Record<string, string>, { readyTimeoutMs: 120_000 })));
    services = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
    await build;
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    preview = spawn(process.execPath, [VITE, 'preview', '--config', 'apps/workspace/vite.config.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        WORKSPACE_OUT_DIR: outDir,
        VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true',
        WORKSPACE_PORT: String(port),
        VT_DEV_ISSUER_DIR: dirname(envs[0]?.['AUTH_JWKS_FILE'] as string),
        ...Object.fromEntries(services.map((s) => [`VT_${s.name.toUpperCase().replace(/-/g, '_')}_URL`, s.url])),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    preview.stdout?.on('data', (chunk: Buffer) => (previewOutput += chunk.toString()));
    preview.stderr?.on('data', (chunk: Buffer) => (previewOutput += chunk.toString()));
    await waitFor(async () => (await fetch(`${baseUrl}/workspace-config.json`).catch(() => undefined))?.ok || undefined, { description: `vite preview at ${baseUrl}`, timeoutMs: 30_000 });
    userDataDir = mkdtempSync(join(tmpdir(), 'vt-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      // Without the background-networking flags Chromium's own connections are refused on a closed network.
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = context.pages()[0] ?? (await context.newPage());
  }, 200_000);

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    preview?.kill('SIGTERM');
    await Promise.all(services.map((service) => service.stop()));
    await env?.cleanup();
    rmSync(outDir, { recursive: true, force: true });
  }, 60_000);

  it('signs in, shows the API’s field error at its field, registers the corrected melding (201 with its id), with no axe violations', async () => {
    await page.goto(baseUrl);
    await page.getByRole('heading', { name: 'Aanmelden bij de Veilig Thuis werkplek' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Sign-in: role and region by keyboard (type-ahead in a focused select), then Enter on the button.
    expect(await focused(page)).toBe('Rol');
    await page.keyboard.type('Medewerker meldpunt');
    await tabTo(page, 'Regio');
    await page.keyboard.type('Amsterdam');
    await tabTo(page, 'Aanmelden');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Melding registreren' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await typeInto(page, 'Sector', 'Politie');
    await typeInto(page, 'Naam melder', 'Agent Test');
    await typeInto(page, 'Telefoon', '0201234567');
    await tabTo(page, 'Identiteit afschermen voor het huishouden');
    await page.keyboard.press('Space');
    await typeInto(page, 'Reden afscherming', 'Gevaar voor de melder');
    await typeInto(page, 'Gemeente', 'Amsterdam');
    await typeInto(page, 'Postcode', '1011ab');
    await typeInto(page, 'Huisnummer', '1');
    await typeInto(page, 'Naam persoon 1', 'Test Persoon');
    await typeInto(page, 'BSN persoon 1', '999993654');
    expect(await page.locator('#f-persons-0-bsn-hint').textContent()).toContain('elfproef');
    await tabTo(page, '(Ex-)partnergeweld');
    await page.keyboard.press('Space');
    await typeInto(page, 'Wat vertelde de melder?', 'Buren hoorden geschreeuw en glasgerinkel.');
    await tabTo(page, 'Acuut gevaar: direct naar de crisisdienst');
    await page.keyboard.press('Space');
    await tabTo(page, 'Lichamelijk geweld');
    await page.keyboard.press('Space');

    // The elfproef hint does not stop the call handler; intake refuses the BSN, and the error shows at the field, focused.
    await page.keyboard.press('Control+Enter');
    const bsnError = page.locator('#f-persons-0-bsn-error');
    await bsnError.waitFor();
    expect(await bsnError.textContent()).toBe('Dit BSN voldoet niet aan de elfproef.');
    expect(await focused(page)).toBe('BSN persoon 1');
    expect(await page.locator('#f-persons-0-bsn').getAttribute('aria-describedby')).toContain('f-persons-0-bsn-error');
    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.press('Control+A');
    await page.keyboard.type('999993653');
    await tabTo(page, 'Radar controleren');
    await page.keyboard.press('Enter');
    await page.getByText('Radar: Eerste melding').waitFor();
    await page.keyboard.press('Control+Enter');
    await page.getByRole('heading', { name: 'Melding geregistreerd' }).waitFor();
    const meldingId = ((await page.getByTestId('melding-id').textContent()) ?? '').trim();
    expect(meldingId).toMatch(/^[0-9a-f-]{36}$/);

    const intake = services.find((s) => s.name === 'intake') as RunningService;
    const read = await fetch(`${intake.url}/api/v1/meldingen/${meldingId}`, { headers: { ...env.authHeaders(['call-handler']), 'x-access-purpose': 'registratie' } });
    expect(read.status).toBe(200);
    const melding = (await read.json()) as { householdId: string };
    expect(melding).toMatchObject({ meldingId, channel: 'telefoon', acuteIndicated: true, region: { vtRegion: 'vt-amsterdam-amstelland', gemeenteCode: 'GM0363' } });
    flow.meldingId = meldingId;
    flow.householdId = melding.householdId;
  });

  it('as call handler: registers an adviesvraag by keyboard (read back from intake) and converts it into a melding registered late, whose missing reason intake refuses at its field, with no axe violations', async () => {
    const intake = services.find((s) => s.name === 'intake') as RunningService;
    const read = async (path: string) => (await fetch(`${intake.url}${path}`, { headers: { ...env.authHeaders(['call-handler']), 'x-access-purpose': 'registratie' } })).json() as Promise<Record<string, unknown>>;
    await tabTo(page, 'Adviesvraag registreren'); // the link in the top bar
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Adviesvraag registreren' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Received a year ago (the year is the date field's third part in both nl and en): no reason is asked of an adviesvraag.
    await tabTo(page, 'Ontvangen op');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    const year = new Date().getFullYear() - 1;
    expect(await page.locator('#f-receivedAt').inputValue()).toMatch(new RegExp(`^${year}-`));
    await typeInto(page, 'Kanaal', 'Chat');
    await typeInto(page, 'Sector', 'Onderwijs');
    await typeInto(page, 'Naam adviesvrager', 'Juf Test');
    await typeInto(page, 'Telefoon', '0201234567');
    await typeInto(page, 'Gemeente', 'Amsterdam');
    await tabTo(page, 'Persoon toevoegen');
    await page.keyboard.press('Enter');
    await typeInto(page, 'Naam persoon 1', 'Kind Test');
    await tabTo(page, 'Kindermishandeling');
    await page.keyboard.press('Space');
    await typeInto(page, 'Wat vraagt de adviesvrager?', 'Een leerling heeft vaak blauwe plekken; wat kan de school doen?');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('heading', { name: 'Adviesvraag geregistreerd' }).waitFor();
    const adviesvraagId = ((await page.getByTestId('adviesvraag-id').textContent()) ?? '').trim();
    expect(await axeViolations(page)).toEqual([]);
    const adviesvraag = await read(`/api/v1/adviesvragen/${adviesvraagId}`);
    expect(adviesvraag).toMatchObject({ adviesvraagId, channel: 'chat', aard: ['kindermishandeling'], region: { gemeenteCode: 'GM0363' }, adviesvrager: { kind: 'professional', sector: 'onderwijs' }, convertedMeldingId: null });
    expect(new Date(adviesvraag['receivedAt'] as string).getFullYear()).toBe(year);

    // The melding starts from the adviesvraag (melder, household, person, aard, its receipt a year ago); only the account is new.
    await tabTo(page, 'Omzetten naar melding');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Adviesvraag omzetten naar melding' }).waitFor();
    await typeInto(page, 'Wat vertelde de melder?', 'De leerling vertelde dat vader slaat.');
    await page.keyboard.press('Control+Enter');
    const lateError = page.locator('#f-lateRegistration-reason-error');
    await lateError.waitFor();
    expect(await lateError.textContent()).toContain('kies een reden');
    expect(await focused(page)).toBe('Reden late registratie');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.type('Schriftelijk');
    await page.keyboard.press('Control+Enter');
    await page.getByRole('heading', { name: 'Melding geregistreerd' }).waitFor();
    const meldingId = ((await page.getByTestId('melding-id').textContent()) ?? '').trim();
    const [melding, converted] = await Promise.all([read(`/api/v1/meldingen/${meldingId}`), read(`/api/v1/adviesvragen/${adviesvraagId}`)]);
    expect(melding).toMatchObject({ meldingId, channel: 'telefoon', lateRegistration: { reason: 'schriftelijk-ontvangen' }, region: { gemeenteCode: 'GM0363' } });
    expect(converted).toMatchObject({ convertedMeldingId: meldingId });
  });

  // ── step 2: the crisis screen (issue 12 point 4) ──

  it('shows a new acute melding on the crisis screen without a reload, with an alert; crisis staff record an action and confirm safety per person, by keyboard', async () => {
    const url = (name: string) => (services.find((s) => s.name === name) as RunningService).url;
    // The crisis screen is open before the melding exists: a second tab, signed in on its own (sessionStorage is per tab).
    const crisis = await context.newPage();
    await crisis.goto(`${baseUrl}/#/crisis`);
    await crisis.getByRole('heading', { name: 'Aanmelden bij de Veilig Thuis werkplek' }).waitFor();
    await crisis.keyboard.type('Crisisdienst en triage');
    await tabTo(crisis, 'Regio');
    await crisis.keyboard.type('Amsterdam');
    await tabTo(crisis, 'Aanmelden');
    await crisis.keyboard.press('Enter');
    await crisis.getByRole('heading', { name: 'Crisiswachtrij' }).waitFor();
    await crisis.getByText('live verbonden').waitFor();
    await crisis.locator(`article[data-melding-id="${flow.meldingId}"]`).waitFor();
    await crisis.evaluate('window.vtNotReloaded = true');

    const body = { ...aMelding().inGemeente('GM0363').acute().requestBody(), persons: [{ role: 'victim', name: 'Test Persoon' }, { role: 'child-involved', name: 'Test Kind' }] };
    const registered = await fetch(`${url('intake')}/api/v1/meldingen`, { method: 'POST', headers: env.authHeaders(['call-handler']), body: JSON.stringify(body) });
    const answeredAt = Date.now();
    expect(registered.status).toBe(201);
    const { meldingId, householdId } = (await registered.json()) as { meldingId: string; householdId: string };
    const card = crisis.locator(`article[data-melding-id="${meldingId}"]`);
    await card.waitFor({ timeout: 20_000 });
    console.log(`crisis screen: the acute melding was on screen ${Date.now() - answeredAt} ms after its 201, without a reload`);
    expect(await crisis.evaluate('window.vtNotReloaded')).toBe(true);
    expect(await crisis.getByRole('alert').first().textContent()).toContain('Nieuwe acute melding in Amsterdam');
    expect(await axeViolations(crisis)).toEqual([]);

    // From the alert to the new melding, then an action, by keyboard only.
    await tabTo(crisis, 'Naar de nieuwe melding');
    await crisis.keyboard.press('Enter');
    expect(await focused(crisis)).toMatch(/^Acute melding .* · Amsterdam$/);
    await tabTo(crisis, 'Actie');
    await crisis.keyboard.type('Politie');
    await tabTo(crisis, 'Actie vastleggen');
    await crisis.keyboard.press('Enter');
    await card.getByText('Vastgelegd: Politie ingeschakeld.').waitFor();
    await card.getByRole('listitem').filter({ hasText: 'Politie ingeschakeld' }).waitFor();
    const triageStaff = { ...env.authHeaders(['triage'], ['vt-amsterdam-amstelland']), 'x-access-purpose': 'crisisinterventie' };
    const queue = (await (await fetch(`${url('crisis-triage')}/api/v1/regions/vt-amsterdam-amstelland/crisis-queue`, { headers: triageStaff })).json()) as { interventions: { meldingId: string; actions: { action: string }[]; persons: { personId: string }[] }[] };
    const entry = queue.interventions.find((i) => i.meldingId === meldingId);
    expect(entry?.actions.map((a) => a.action)).toEqual(['police-involved']);

    await tabTo(crisis, 'Directe veiligheid bevestigen: persoon 1 (slachtoffer)');
    await crisis.keyboard.press('Enter');
    await card.getByText('Directe veiligheid bevestigd voor persoon 1 (slachtoffer).').waitFor();
    await tabTo(crisis, 'Directe veiligheid bevestigen: persoon 2 (betrokken kind)');
    await crisis.keyboard.press('Enter');
    await crisis.getByText('de melding staat niet meer in de wachtrij').waitFor();
    await card.waitFor({ state: 'detached' });

    // Read back: out of the crisis queue, and safety-investigation's household record has both persons safe.
    const after = (await (await fetch(`${url('crisis-triage')}/api/v1/regions/vt-amsterdam-amstelland/crisis-queue`, { headers: triageStaff })).json()) as { interventions: { meldingId: string }[] };
    expect(after.interventions.some((i) => i.meldingId === meldingId)).toBe(false);
    const household = await waitFor(
      async () => {
        const read = await fetch(`${url('safety-investigation')}/api/v1/households/${householdId}`, { headers: triageStaff });
        const view = read.ok ? ((await read.json()) as { persons: { personId: string; immediateSafety: string }[] }) : undefined;
        return view && view.persons.filter((p) => p.immediateSafety === 'confirmed').length === 2 && view;
      },
      { description: 'both persons’ immediate safety on the household record' },
    );
    expect(household.persons.map((p) => p.personId).sort()).toEqual(entry?.persons.map((p) => p.personId).sort());
    await crisis.close();
  });

  // ── step 3: the triage queue (issue 12 point 5) ──
  it('as triage: finds the melding in the queue by keyboard, records its veiligheidsbeoordeling (the API’s field error at its field first) and informing for a person, with no axe violations', async () => {
    const { meldingId, householdId } = flow;
    if (!meldingId || !householdId) throw new Error('step 1 left no melding');
    const triage = services.find((s) => s.name === 'crisis-triage') as RunningService;
    const staff = (purpose: string) => ({ ...env.authHeaders(['triage'], ['vt-amsterdam-amstelland']), 'x-access-purpose': purpose });
    // The melding reaches crisis-triage through Kafka: wait until the region's queue has it (a condition, not a sleep).
    const entry = await waitFor(
      async () => {
        const answer = await fetch(`${triage.url}/api/v1/regions/vt-amsterdam-amstelland/assessment-queue`, { headers: staff('veiligheidsbeoordeling') });
        const queue = (await answer.json()) as { assessments?: { meldingId: string; workingDaysLeft: number }[] };
        return queue.assessments?.find((a) => a.meldingId === meldingId);
      },
      { description: 'the melding in crisis-triage’s assessment queue', timeoutMs: 60_000, intervalMs: 200 },
    );
    // Due 5 working days after receipt (DOMAIN.md); the day of receipt counts as one left when it is a working day.
    expect([5, 6]).toContain(entry.workingDaysLeft);

    // A tab of its own: the sign-in lives in sessionStorage, per tab.
    const tab = await context.newPage();
    try {
      // Triage staff have the crisis screen first; the link names the queue.
      await tab.goto(`${baseUrl}/#/triage`);
      await tab.getByRole('heading', { name: 'Aanmelden bij de Veilig Thuis werkplek' }).waitFor();
      expect(await focused(tab)).toBe('Rol');
      await tab.keyboard.type('Crisisdienst');
      await tabTo(tab, 'Regio');
      await tab.keyboard.type('Amsterdam');
      await tabTo(tab, 'Aanmelden');
      await tab.keyboard.press('Enter');
      await tab.getByRole('heading', { name: 'Veiligheidsbeoordelingen' }).waitFor();
      await tab.locator('table.queue').waitFor();

      // Find it by keyboard: the search field narrows the queue, Tab reaches its Beoordelen button.
      const short = meldingId.slice(0, 8);
      await typeInto(tab, 'Zoek op melding- of huishoudnummer', short);
      const row = tab.locator('table.queue tbody tr', { hasText: short });
      await tab.getByRole('button', { name: `Beoordelen melding ${short}` }).waitFor();
      expect(await tab.locator('table.queue tbody tr').count()).toBe(1);
      expect(await row.textContent()).toContain(`${entry.workingDaysLeft} werkdagen`);
      expect(await axeViolations(tab)).toEqual([]);
      await tabTo(tab, 'Beoordelen');
      await tab.keyboard.press('Enter');
      await tab.getByRole('heading', { name: `Veiligheidsbeoordeling melding ${short}` }).waitFor();

      // Taxatie and outcome by type-ahead; no reasoning: crisis-triage refuses it, and the error shows at the field, focused.
      await typeInto(tab, 'Taxatie', 'Acuut en');
      await typeInto(tab, 'Uitkomst', 'Onderzoek');
      await tab.keyboard.press('Control+Enter');
      await tab.locator('#reasoning-error').waitFor();
      expect(await focused(tab)).toBe('Onderbouwing');
      expect(await tab.locator('#reasoning').getAttribute('aria-describedby')).toContain('reasoning-error');
      expect(await axeViolations(tab)).toEqual([]);
      await tab.keyboard.type('Structurele signalen; onduidelijk of geweld plaatsvindt.');
      await tab.keyboard.press('Control+Enter');
      await tab.getByText('Veiligheidsbeoordeling vastgelegd').waitFor();
      await row.waitFor({ state: 'detached' }); // it left the queue

      // Informing the person of the melding: informed just now (the moment left empty), in a conversation.
      await typeInto(tab, 'Manier van informeren (persoon 1)', 'Gesprek');
      await tabTo(tab, 'Informeren vastleggen (persoon 1)');
      await tab.keyboard.press('Enter');
      await tab.getByTestId('informing-1-recorded').waitFor();
      expect(await tab.getByTestId('informing-1-recorded').textContent()).toMatch(/^Geïnformeerd op .* \(Gesprek\)\.$/);
      expect(await axeViolations(tab)).toEqual([]);
    } finally {
      await tab.close();
    }

    // Recorded, as crisis-triage's APIs tell: the assessment clock met, the person informed.
    const deadlines = (await (await fetch(`${triage.url}/api/v1/deadlines?householdId=${householdId}`, { headers: staff('veiligheidsbeoordeling') })).json()) as { deadlines: { clock: string; subjectId: string; state: string }[] };
    expect(deadlines.deadlines.find((d) => d.clock === 'veiligheidsbeoordeling' && d.subjectId === meldingId)?.state).toBe('met');
    const informing = (await (await fetch(`${triage.url}/api/v1/households/${householdId}/informing`, { headers: staff('informeren-betrokkenen') })).json()) as { persons: { recordings: { kind: string; method: string }[] }[] };
    expect(informing.persons[0]?.recordings).toEqual([expect.objectContaining({ kind: 'informed', method: 'gesprek' })]);
  });


  // ── step 4: the household view (issue 12 point 6) ──

  // Rules (issue 12 point 6; DOMAIN.md "The phased vision", "Data protection": every read is audited): the investigator
  // opens the household by keyboard and sees its phase on the path, its persons' immediate safety, a statutory clock and
  // the timeline with the melding's facts; every section's read is recorded on vt.audit.access.v1 under the investigator.
  it('opens the household of the melding by keyboard as investigator: phase, persons, a clock and the timeline, each read audited, with no axe violations', async () => {
    const { householdId, meldingId } = flow as Required<typeof flow>;
    expect(householdId).toMatch(/^[0-9a-f-]{36}$/);
    const url = (name: string) => (services.find((s) => s.name === name) as RunningService).url;
    const waiter = { ...env.authHeaders(['investigator'], ['vt-amsterdam-amstelland'], 'e2e-household-wait'), 'x-access-purpose': 'onderzoek' };
    const audit = await new TopicReader(env.kafkaBrokers.split(','), [env.topicPrefix + TOPICS.auditAccess]).start();
    const investigator = await context.newPage(); // sign-in state is per tab (sessionStorage): this tab starts signed out
    let triage: Page | undefined;
    try {
      await waitFor(async () => ((await fetch(`${url('safety-investigation')}/api/v1/households/${householdId}`, { headers: waiter })).ok ? true : undefined), { description: 'the household record in safety-investigation' });
      await waitFor(
        async () => ((await (await fetch(`${url('crisis-triage')}/api/v1/deadlines?householdId=${householdId}`, { headers: waiter })).json()) as { deadlines?: { clock: string }[] }).deadlines?.find((d) => d.clock === 'veiligheidsbeoordeling'),
        { description: 'the veiligheidsbeoordeling clock in crisis-triage' },
      );
      // Referral's part of the timeline answers once referral has read the melding.
      await waitFor(async () => ((await fetch(`${url('referral')}/api/v1/households/${householdId}/timeline`, { headers: waiter })).ok ? true : undefined), { description: 'the household in referral' });
      // The region asks for a shelter place for the household (docs/adr/0040); no shelter has reported capacity here, so the
      // request escalates at once: both on shelter placement's record, its part of the timeline.
      const placement = await fetch(`${url('shelter-placement')}/api/v1/shelter-placements`, {
        method: 'POST',
        headers: env.authHeaders(['investigator'], ['vt-amsterdam-amstelland'], 'e2e-placement'),
        body: JSON.stringify({ householdId, urgency: 'spoed', places: { adults: 1, children: 0 } }),
      });
      expect({ status: placement.status, body: await placement.json() }).toMatchObject({ status: 201, body: { householdId, status: 'escalated' } });

      await investigator.goto(baseUrl);
      await investigator.getByRole('heading', { name: 'Aanmelden bij de Veilig Thuis werkplek' }).waitFor();
      expect(await focused(investigator)).toBe('Rol');
      await investigator.keyboard.type('Onderzoeker');
      await tabTo(investigator, 'Regio');
      await investigator.keyboard.type('Amsterdam');
      await tabTo(investigator, 'Aanmelden');
      await investigator.keyboard.press('Enter');
      await investigator.getByRole('heading', { name: 'Huishouden', exact: true }).waitFor();
      await typeInto(investigator, 'Huishouden-id', ` ${householdId} `);
      await investigator.keyboard.press('Enter');
      await investigator.getByRole('heading', { name: `Huishouden ${householdId}` }).waitFor();
      expect(await focused(investigator)).toBe(`Huishouden ${householdId}`);
      expect(investigator.url()).toContain(`#/household/${householdId}`);

      expect(await investigator.locator('.phase-path li[aria-current="step"]').textContent()).toMatch(/^(Directe veiligheid|Duurzame veiligheid) \(huidige fase\)$/);
      expect(await investigator.getByTestId('household-phase').textContent()).toMatch(/^Huidige fase: (Directe veiligheid|Duurzame veiligheid)\./);
      expect(await investigator.locator('.household').textContent()).toContain(meldingId);
      const persons = await investigator.getByRole('table', { name: 'Personen in het huishouden' }).locator('tbody tr').allTextContents();
      expect(persons).toHaveLength(1);
      expect(persons[0]).toMatch(/Slachtoffer.*(Nog niet bevestigd|Bevestigd)/);
      expect(await investigator.getByRole('table', { name: /^Termijnen/ }).textContent()).toContain('Veiligheidsbeoordeling (5 dagen)');
      const timeline = await investigator.getByRole('list', { name: 'Tijdlijn, oudste eerst' }).locator(':scope > li').allTextContents();
      // The five services' parts merged by time (docs/adr/0039), each entry naming its service: intake's melding before the record it opened.
      const received = timeline.findIndex((entry) => entry.includes('Melding ontvangen en geregistreerd') && entry.includes('Intake'));
      const opened = timeline.findIndex((entry) => entry.includes('Huishoudendossier geopend') && entry.includes('Veiligheid en onderzoek'));
      expect(received).toBeGreaterThanOrEqual(0);
      expect(opened).toBeGreaterThan(received);
      expect(timeline[opened]).toContain('Household record opened in directe-veiligheid');
      expect(timeline.some((entry) => entry.includes('Veiligheidsbeoordeling afgerond') && entry.includes('Crisisdienst en triage'))).toBe(true);
      expect(timeline.some((entry) => entry.includes('Dossier ingezien'))).toBe(true);
      // Shelter placement's part (keyed by placement id on its record, read by the household's placements): the request, then its escalation.
      const requested = timeline.findIndex((entry) => entry.includes('Opvangplek aangevraagd') && entry.includes('Opvang'));
      expect(requested).toBeGreaterThan(opened);
      expect(timeline.findIndex((entry) => entry.includes('Plaatsing geëscaleerd') && entry.includes('Opvang'))).toBeGreaterThanOrEqual(requested);
      expect(await axeViolations(investigator)).toEqual([]);

      // Every section was read as this investigator, for "onderzoek", and recorded by the service that answered.
      const actor = 'user:dev-investigator-vt-amsterdam-amstelland';
      const reads = await waitFor(
        () => {
          const mine = audit
            .on(env.topicPrefix + TOPICS.auditAccess)
            .filter((r) => r.key === householdId)
            .map((r) => r.json<{ data: { actor: string; service: string; purpose: string; fields: string[] } }>().data)
            .filter((a) => a.actor === actor);
          const timelines = new Set(mine.filter((a) => a.fields.includes('timeline')).map((a) => a.service));
          return timelines.size === 5 && mine.some((a) => a.service === 'crisis-triage' && a.fields.includes('dueAt')) && mine.some((a) => a.fields.includes('persons')) ? mine : undefined;
        },
        { description: 'the household view’s reads on vt.audit.access.v1' },
      );
      expect(reads.every((a) => a.purpose === 'onderzoek')).toBe(true);
      expect(new Set(reads.map((a) => a.service))).toEqual(new Set(['intake', 'crisis-triage', 'safety-investigation', 'referral', 'shelter-placement']));

      // Triage may read the household record but not the timeline (the APIs decide): that section says so, a sentence per service. By the link, in a tab of its own.
      triage = await context.newPage();
      await triage.goto(`${baseUrl}/#/household/${householdId}`);
      await triage.getByRole('heading', { name: 'Aanmelden bij de Veilig Thuis werkplek' }).waitFor();
      await triage.keyboard.type('Crisisdienst en triage');
      await tabTo(triage, 'Regio');
      await triage.keyboard.type('Amsterdam');
      await tabTo(triage, 'Aanmelden');
      await triage.keyboard.press('Enter');
      await triage.getByRole('heading', { name: `Huishouden ${householdId}` }).waitFor();
      const refused = await triage.getByRole('region', { name: 'Tijdlijn' }).textContent();
      for (const part of ['intake', 'crisisdienst en triage', 'veiligheid en onderzoek', 'verwijzing', 'opvang']) expect(refused).toContain(`Tijdlijn van ${part}: geen toegang.`);
      expect(await triage.getByRole('table', { name: 'Personen in het huishouden' }).locator('tbody tr').count()).toBe(1);
      expect(await axeViolations(triage)).toEqual([]);
    } finally {
      await investigator.close();
      await triage?.close();
      await audit.stop();
    }
  });

  // ── issue 12 point 2: sign-in at a real OIDC provider ──

  // Rules (issue 12 point 2; apps/workspace/README.md "Configuration"): in production the workspace signs in at any OIDC
  // provider by configuration, with the authorization code flow and PKCE (S256) as a public client, and gets a JWT access
  // token that the services verify themselves (AUTH_ISSUER, AUTH_AUDIENCE, AUTH_JWKS_URL); the user sees their role's
  // screens, and a token the services refuse shows the 401 sentence. Here against panva's oidc-provider, with a
  // crisis-triage replica that trusts only that provider.
  it('signs in at a real OIDC provider by keyboard (code + PKCE), sees the triage screens, reads the queue from a service that trusts only that provider; a token for another audience shows the 401 sentence, the provider’s refusal a sentence on the sign-in page', async () => {
    const previewPort = await freePort();
    const workspaceUrl = `http://127.0.0.1:${previewPort}`;
    const password = randomBytes(12).toString('base64url');
    const provider = await startOidcProvider({
      clientId: 'vt-workspace',
      redirectUris: [`${workspaceUrl}/`],
      resources: { 'urn:vt:api': { scope: 'vt' }, 'urn:vt:andere-api': { scope: 'ander' } },
      accounts: [{ login: 'tessa', password, sub: 'oidc-tessa-triage', roles: ['triage'], regions: ['vt-amsterdam-amstelland'] }],
    });
    const configDir = mkdtempSync(join(tmpdir(), 'vt-workspace-oidc-'));
    const configFile = join(configDir, 'workspace-config.json');
    // As production serves it beside the build; `resource` (RFC 8707) is how oidc-provider puts the audience in the token.
    const configure = (resource: string) =>
      writeFileSync(configFile, JSON.stringify({ auth: { kind: 'oidc', issuer: provider.issuer, clientId: 'vt-workspace', scope: 'openid', resource, displayName: 'Test-IdP' } }));
    let replica: RunningService | undefined;
    let oidcPreview: Awaited<ReturnType<typeof startPreview>> | undefined;
    const tabs: Page[] = [];
    try {
      // A crisis-triage replica (same schema and group) configured as production would be: it trusts the provider only.
      const { AUTH_JWKS_FILE: _devKeys, ...base } = serviceEnvs['crisis-triage'] as Record<string, string>;
      replica = await startService('crisis-triage', { ...base, AUTH_ISSUER: provider.discovery.issuer, AUTH_AUDIENCE: 'urn:vt:api', AUTH_JWKS_URL: provider.discovery.jwks_uri });
      configure('urn:vt:api');
      oidcPreview = await startPreview(ROOT, {
        WORKSPACE_OUT_DIR: outDir,
        WORKSPACE_PORT: String(previewPort),
        VT_WORKSPACE_CONFIG: configFile,
        ...Object.fromEntries(services.map((s) => [`VT_${s.name.toUpperCase().replace(/-/g, '_')}_URL`, s.url])),
        VT_CRISIS_TRIAGE_URL: replica.url,
      });

      const tab = await context.newPage();
      tabs.push(tab);
      await tab.goto(`${workspaceUrl}/#/triage`);
      await tab.getByRole('heading', { name: 'Aanmelden bij de Veilig Thuis werkplek' }).waitFor();
      expect(await focused(tab)).toBe('Aanmelden bij Test-IdP');
      expect(await axeViolations(tab)).toEqual([]);
      await tab.keyboard.press('Enter');
      // At the provider: its own login page, by keyboard.
      await tab.getByRole('heading', { name: 'Aanmelden bij Test-IdP' }).waitFor();
      expect(tab.url().startsWith(`${provider.issuer}/`)).toBe(true);
      expect(await focused(tab)).toBe('Gebruikersnaam');
      await tab.keyboard.type('tessa');
      await tabTo(tab, 'Wachtwoord');
      await tab.keyboard.type(password);
      const queueRead = tab.waitForResponse((response) => response.url().includes('/svc/crisis-triage/api/v1/regions/vt-amsterdam-amstelland/assessment-queue'));
      await tab.keyboard.press('Enter');
      // Back at the workspace with the code, exchanged for the access token: the screens of role triage, the queue read.
      expect((await queueRead).status()).toBe(200);
      await tab.getByRole('heading', { name: 'Veiligheidsbeoordelingen' }).waitFor();
      expect(tab.url()).toBe(`${workspaceUrl}/#/triage`); // code and state gone, the route from before the sign-in back
      expect(await tab.getByRole('navigation', { name: 'Schermen' }).getByRole('link').allTextContents()).toEqual(['Crisiswachtrij', 'Veiligheidsbeoordelingen', 'Huishouden']);
      expect(await tab.locator('.who').textContent()).toBe('Crisisdienst en triage · vt-amsterdam-amstelland');
      const token = (await tab.evaluate<string | null>('sessionStorage.getItem("vt-workspace-session")')) ?? '';
      expect(JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString())).toMatchObject({ iss: provider.issuer, aud: 'urn:vt:api', sub: 'oidc-tessa-triage', roles: ['triage'], regions: ['vt-amsterdam-amstelland'] });
      // The replica verified the provider's token, and refuses this run's dev tokens.
      const queuePath = '/api/v1/regions/vt-amsterdam-amstelland/assessment-queue';
      const asUser = { authorization: `Bearer ${token}`, 'x-access-purpose': 'veiligheidsbeoordeling' };
      expect((await fetch(`${replica.url}${queuePath}`, { headers: asUser })).status).toBe(200);
      expect((await fetch(`${replica.url}${queuePath}`, { headers: { ...env.authHeaders(['triage'], ['vt-amsterdam-amstelland']), 'x-access-purpose': 'veiligheidsbeoordeling' } })).status).toBe(401);
      expect(await axeViolations(tab)).toEqual([]);

      // Misconfigured: the workspace asks for another audience. The provider's session signs in without the login page;
      // the service refuses the token (401), and the screen says so in a sentence with what to do.
      configure('urn:vt:andere-api');
      const other = await context.newPage();
      tabs.push(other);
      await other.goto(`${workspaceUrl}/#/triage`); // triage staff land on the crisis screen; the queue is the read refused here
      await other.getByRole('heading', { name: 'Aanmelden bij de Veilig Thuis werkplek' }).waitFor();
      const refused = other.waitForResponse((response) => response.url().includes('/svc/crisis-triage/api/v1/regions/vt-amsterdam-amstelland/assessment-queue'));
      await other.keyboard.press('Enter');
      expect((await refused).status()).toBe(401);
      await other.getByText('U bent niet (meer) aangemeld: uw sessie is verlopen of uw token wordt geweigerd. Meld u opnieuw aan.').waitFor();
      await other.getByRole('button', { name: 'Opnieuw aanmelden' }).waitFor();
      expect(await axeViolations(other)).toEqual([]);

      await tabTo(other, 'Opnieuw aanmelden');
      await other.keyboard.press('Enter');
      await other.getByText('Uw sessie is verlopen of uw token werd geweigerd. Meld u opnieuw aan.').waitFor();

      // A resource the provider does not know (the configuration is read when the page loads): the provider answers the
      // redirect URI with an error, which the sign-in page says.
      configure('urn:vt:onbekend');
      await other.goto(workspaceUrl);
      await other.getByRole('heading', { name: 'Aanmelden bij de Veilig Thuis werkplek' }).waitFor();
      expect(await focused(other)).toBe('Aanmelden bij Test-IdP');
      await other.keyboard.press('Enter');
      await other.getByRole('alert').filter({ hasText: 'Aanmelden is niet gelukt: de identiteitsprovider antwoordde invalid_target' }).waitFor();
      expect(other.url()).toBe(`${workspaceUrl}/`);
    } catch (error) {
      // What the browser showed and what the provider said, for reading a failure.
      const shown = await Promise.all(tabs.map(async (t) => `${t.url()}\n${await t.locator('body').innerText().catch(() => '')}`));
      throw new Error(`${(error as Error).message}\n--- tabs ---\n${shown.join('\n---\n')}\n--- oidc-provider ---\n${provider.output().slice(-3000)}`);
    } finally {
      for (const tab of tabs) await tab.close();
      await oidcPreview?.stop();
      await replica?.stop();
      await provider.stop();
      rmSync(configDir, { recursive: true, force: true });
    }
  }, 120_000);

  function run(command: string, args: string[], extraEnv: Record<string, string>): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited ${code}:\n${output}\n${previewOutput}`))));
    });
  }
});

