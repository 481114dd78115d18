import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppName, RunningService, startService, testEnvironment, TestEnvironment } from '@vt/testing';

/*
 * Issue 13, point 9: each service's OpenAPI document is generated from its controllers with @nestjs/swagger when it
 * starts and served at GET /api/openapi.json (no token needed), the same URL intake served its hand-kept document
 * at. The document a running service serves, built from the real application, is the committed
 * docs/openapi/<service>.openapi.json that `npm run docs:generate` builds from the controllers alone.
 */

const ROOT = join(__dirname, '..', '..', '..', '..');
const SERVICES: [AppName, string][] = [
  ['intake', 'intake'],
  ['crisis-triage', 'crisis_triage'],
  ['safety-investigation', 'safety_investigation'],
  ['referral', 'referral'],
];

describe('GET /api/openapi.json on every service', () => {
  let env: TestEnvironment;
  let services: RunningService[] = [];

  beforeAll(async () => {
    env = testEnvironment();
    services = await Promise.all(SERVICES.map(([name, schema]) => env.serviceEnv(schema).then((serviceEnv) => startService(name, serviceEnv))));
  });

  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await env?.cleanup();
  });

  it.each(SERVICES.map(([name]) => name))('%s serves, without a token, the document committed in docs/openapi', async (name) => {
    const service = services.find((candidate) => candidate.name === name) as RunningService;
    const response = await fetch(`${service.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json\b/);
    const committed = JSON.parse(readFileSync(join(ROOT, 'docs', 'openapi', `${name}.openapi.json`), 'utf8')) as unknown;
    expect(await response.json()).toEqual(committed);
  });
});
