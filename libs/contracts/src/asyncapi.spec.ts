import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_CATALOG } from './catalog';
import { cloudEventEnvelopeSchema, CLOUDEVENTS_CONTENT_TYPE, HEADERS } from './envelope';
import { deadLetterTopic, partnerResponsesTopic, TOPICS } from './topics';

/*
 * Keeps docs/asyncapi.yaml in step with the contracts without a YAML parser: the document is written
 * in block style with two-space indents and flow lists on one line (`required: [a, b]`), so a schema's
 * keywords can be found by their indentation.
 */
const DOCUMENT = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'asyncapi.yaml'), 'utf8');

interface Schema {
  [keyword: string]: unknown;
  properties?: Record<string, Schema>;
  items?: Schema;
}

const indentOf = (line: string): number => line.search(/\S/);

/** The lines nested under `key:` at `indent` spaces in `text`, up to the next line at that indent or less. */
function block(text: string, key: string, indent: number): string {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line === `${' '.repeat(indent)}${key}:`);
  if (start < 0) throw new Error(`docs/asyncapi.yaml has no "${key}:" at indent ${indent}`);
  const end = lines.findIndex((line, i) => i > start && line.trim() !== '' && indentOf(line) <= indent);
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** The keys nested directly under a block whose own keys sit at `indent`. */
function keysAt(text: string, indent: number): string[] {
  return text
    .split('\n')
    .filter((line) => indentOf(line) === indent && /^\s*[^\s#-][^:]*:/.test(line))
    .map((line) => line.trim().replace(/:.*$/, ''));
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function hasLine(text: string, indent: number, keyword: string, value: string): boolean {
  const quoted = `(?:${escape(value)}|'${escape(value)}')`;
  return new RegExp(`^ {${indent}}${escape(keyword)}: ${quoted}$`, 'm').test(text);
}

const flowList = (values: readonly unknown[]): string => `[${values.join(', ')}]`;

const components = block(DOCUMENT, 'components', 0);
const componentSchemas = block(components, 'schemas', 2);
const componentMessages = block(components, 'messages', 2);
const channels = block(DOCUMENT, 'channels', 0);

/**
 * Checks that the schema written at `indent` in `text` says what `schema` says: the same keywords and
 * values, the same property names, recursively; a `$ref` to a component schema is followed.
 */
function expectSameSchema(text: string, indent: number, schema: Schema, where: string): void {
  const ref = new RegExp(`^ {${indent}}\\$ref: '#/components/schemas/([^']+)'$`, 'm').exec(text);
  if (ref?.[1]) {
    expectSameSchema(block(componentSchemas, ref[1], 4), 6, schema, `${where} (${ref[1]})`);
    return;
  }
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword === '$id' || keyword === 'properties' || keyword === 'items') continue;
    const rendered = Array.isArray(value) ? flowList(value) : String(value);
    if (!hasLine(text, indent, keyword, rendered)) throw new Error(`${where}: docs/asyncapi.yaml lacks "${keyword}: ${rendered}"`);
  }
  if (schema.properties) {
    const properties = block(text, 'properties', indent);
    expect({ where, properties: keysAt(properties, indent + 2) }).toEqual({ where, properties: Object.keys(schema.properties) });
    for (const [name, property] of Object.entries(schema.properties)) {
      expectSameSchema(block(properties, name, indent + 2), indent + 4, property, `${where}.${name}`);
    }
  }
  if (schema.items) expectSameSchema(block(text, 'items', indent), indent + 2, schema.items, `${where}[]`);
}

/** The channel (its block) whose address is `address`. */
function channelAt(address: string): string {
  const name = keysAt(channels, 2).find((channel) => hasLine(block(channels, channel, 2), 4, 'address', address));
  if (!name) throw new Error(`docs/asyncapi.yaml has no channel with address ${address}`);
  return block(channels, name, 2);
}

describe('docs/asyncapi.yaml', () => {
  it('is an AsyncAPI 3.0.0 document for the Kafka 4.4.0 broker', () => {
    expect(DOCUMENT).toMatch(/^asyncapi: 3\.0\.0$/m);
    expect(DOCUMENT).toMatch(/^ {4}protocol: kafka$/m);
    expect(DOCUMENT).toMatch(/^ {4}protocolVersion: 4\.4\.0$/m);
  });

  it('has a channel for every topic, and no channel for a topic the contracts do not name', () => {
    const known = [
      ...Object.values(TOPICS),
      EVENT_CATALOG['nl.veiligthuis.partner.ReferralIssued.v1'].address,
      partnerResponsesTopic('partner').replace('.partner.responses', '.{partnerId}.responses'),
      deadLetterTopic('{service}'),
    ];
    for (const topic of known) channelAt(topic);
    const addresses = [...DOCUMENT.matchAll(/^ {4}address: (\S+)$/gm)].map((match) => match[1]);
    expect(addresses.filter((address) => !known.includes(address as string))).toEqual([]);
  });

  it('describes every event type in the catalog, and nothing the catalog does not have', () => {
    const documented = [...DOCUMENT.matchAll(/^ {6}name: (nl\.veiligthuis\.\S+)$/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual(Object.keys(EVENT_CATALOG).sort());
  });

  describe.each(Object.values(EVENT_CATALOG).map((contract) => [contract.type, contract] as const))('%s', (type, contract) => {
    const key = contract.schema.$id.replace(/^urn:vt:schema:/, '');

    it('is a message with its type, dataschema, headers and data schema, on the channel of its topic', () => {
      const message = block(componentMessages, key, 4);
      expect(hasLine(message, 6, 'name', type)).toBe(true);
      expect(hasLine(message, 6, 'contentType', 'application/cloudevents+json')).toBe(true);
      expect(hasLine(message, 16, 'const', type)).toBe(true);
      expect(hasLine(message, 16, 'const', contract.schema.$id)).toBe(true);
      expect(message).toContain(`$ref: '#/components/schemas/${key}'`);
      expect(channelAt(contract.address)).toContain(`$ref: '#/components/messages/${key}'`);
    });

    it('has a data schema transcribed exactly: required fields, enums, patterns, additionalProperties', () => {
      const data = block(componentSchemas, key, 4);
      expect(hasLine(data, 6, 'x-dataschema', contract.schema.$id)).toBe(true);
      expect(hasLine(data, 6, 'required', flowList(contract.schema.required))).toBe(true);
      expectSameSchema(data, 6, contract.schema as unknown as Schema, type);
    });
  });

  it('describes the CloudEvents envelope as the contracts define it', () => {
    expectSameSchema(block(componentSchemas, 'CloudEventEnvelope', 4), 6, cloudEventEnvelopeSchema as unknown as Schema, 'envelope');
  });

  it('names every record header, with the content type the relay sets', () => {
    for (const header of Object.values(HEADERS)) expect(DOCUMENT).toMatch(new RegExp(`^ +${escape(header)}:$`, 'm'));
    expect(DOCUMENT).toContain(`const: '${CLOUDEVENTS_CONTENT_TYPE}'`);
  });

  // Two rules of YAML a reader would trip over, checked without a parser: a key twice in one mapping is an error,
  // and a plain (unquoted) value may not hold ': ' or ' #'.
  it('names no channel, operation, message or schema twice', () => {
    const operations = block(DOCUMENT, 'operations', 0);
    for (const [where, keys] of [
      ['channels', keysAt(channels, 2)],
      ['operations', keysAt(operations, 2)],
      ['components.messages', keysAt(componentMessages, 4)],
      ['components.schemas', keysAt(componentSchemas, 4)],
    ] as const) {
      const twice = keys.filter((key, i) => keys.indexOf(key) !== i);
      expect({ where, twice }).toEqual({ where, twice: [] });
    }
  });

  it('quotes every one-line value that a YAML parser would misread', () => {
    const misread = DOCUMENT.split('\n')
      .map((line, i) => ({ line: i + 1, text: line }))
      .filter(({ text }) => {
        const value = /^\s*(?:- )?[A-Za-z$][\w$.-]*: (.+)$/.exec(text)?.[1];
        return value !== undefined && !/^['"|>[{&*!]/.test(value) && (value.includes(': ') || value.includes(' #'));
      });
    expect(misread).toEqual([]);
  });
});
