import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASYNCAPI_FILE, asyncApiText, buildAsyncApiDocument, overlay } from './asyncapi';
import { EVENT_CATALOG } from './catalog';
import { cloudEventEnvelopeSchema } from './envelope';
import { deadLetterTopic, partnerResponsesTopic, TOPICS } from './topics';

/*
 * Issue 13, point 9: the AsyncAPI document is generated from the event catalog (asyncapi.ts, with the prose of
 * asyncapi-notes.ts) instead of kept by hand, and this test fails when the committed docs/asyncapi.yaml is not
 * what the code generates.
 */

const ROOT = join(__dirname, '..', '..', '..');

interface Message {
  name?: string;
  payload?: { allOf?: { properties?: Record<string, { const?: string; $ref?: string }> }[] };
}

describe('docs/asyncapi.yaml', () => {
  it('is what the event catalog generates (else: run `npm run docs:generate`)', () => {
    const committed = readFileSync(join(ROOT, ASYNCAPI_FILE), 'utf8');
    const generated = asyncApiText();
    if (committed !== generated) {
      const [was, now] = [committed.split('\n'), generated.split('\n')];
      const line = was.findIndex((text, i) => text !== now[i]);
      throw new Error(
        `${ASYNCAPI_FILE} is not what the event catalog generates (first difference at line ${line + 1}: committed ${JSON.stringify(was[line])}, ` +
          `generated ${JSON.stringify(now[line])}). Run \`npm run docs:generate\` and commit the result.`,
      );
    }
  });

  it('is generated the same way every time', () => {
    expect(asyncApiText()).toEqual(asyncApiText());
  });

  const document = buildAsyncApiDocument() as unknown as {
    asyncapi: string;
    channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
    components: { messages: Record<string, Message>; schemas: Record<string, unknown> };
  };

  it('is an AsyncAPI 3.0.0 document with a channel for every topic, the partner and dead-letter topics included', () => {
    expect(document.asyncapi).toBe('3.0.0');
    const addresses = Object.values(document.channels).map((channel) => channel.address);
    expect(addresses.sort()).toEqual(
      [
        ...Object.values(TOPICS),
        EVENT_CATALOG['nl.veiligthuis.partner.ReferralIssued.v1'].address,
        partnerResponsesTopic('partner').replace('.partner.responses', '.{partnerId}.responses'),
        EVENT_CATALOG['nl.veiligthuis.signals.MatchFound.v1'].address,
        EVENT_CATALOG['nl.veiligthuis.shelter.PlaceRequested.v1'].address,
        deadLetterTopic('{service}'),
      ].sort(),
    );
  });

  it('has a message for every event type and version in the catalog, on the channel of its topic, with its data schema as the catalog has it', () => {
    for (const contract of Object.values(EVENT_CATALOG)) {
      const key = contract.schema.$id.replace('urn:vt:schema:', '');
      const message = document.components.messages[key];
      expect({ type: contract.type, name: message?.name }).toEqual({ type: contract.type, name: contract.type });
      const [, own] = message?.payload?.allOf ?? [];
      expect(own?.properties?.['type']?.const).toBe(contract.type);
      expect(own?.properties?.['dataschema']?.const).toBe(contract.schema.$id);
      const channel = Object.values(document.channels).find((candidate) => candidate.address === contract.address);
      expect(Object.values(channel?.messages ?? {})).toContainEqual({ $ref: `#/components/messages/${key}` });
      expect(document.components.schemas[key]).toMatchObject({ 'x-dataschema': contract.schema.$id, required: contract.schema.required });
    }
  });

  it('describes the CloudEvents envelope as envelope.ts defines it', () => {
    expect(document.components.schemas['CloudEventEnvelope']).toMatchObject(JSON.parse(JSON.stringify({ required: cloudEventEnvelopeSchema.required, properties: cloudEventEnvelopeSchema.properties })) as object);
  });

  it('lays the notes over what it generates: objects key by key, lists item by item, null removes', () => {
    expect(overlay({ a: 1, b: { c: 2, d: 3 }, e: [{ f: 1 }, { g: 2 }] }, { b: { d: null, h: 4 }, e: [{}, { g: 5 }] })).toEqual({ a: 1, b: { c: 2, h: 4 }, e: [{ f: 1 }, { g: 5 }] });
  });

  it('quotes every one-line value that a YAML parser would misread (the emitter is our own)', () => {
    const misread = readFileSync(join(ROOT, ASYNCAPI_FILE), 'utf8')
      .split('\n')
      .map((line, i) => ({ line: i + 1, text: line }))
      .filter(({ text }) => {
        const value = /^\s*(?:- )?[A-Za-z$][\w$.-]*: (.+)$/.exec(text)?.[1];
        return value !== undefined && !/^['"|>[{&*!]/.test(value) && (value.includes(': ') || value.includes(' #'));
      });
    expect(misread).toEqual([]);
  });
});
