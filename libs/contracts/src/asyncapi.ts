import { EVENT_CATALOG } from './catalog';
import { AUDIT_CHAIN_CHECKPOINTED } from './events/audit-chain-checkpointed.event';
import { cloudEventEnvelopeSchema, CLOUDEVENTS_CONTENT_TYPE } from './envelope';
import { personRefSchema } from './events/common';
import { disclosureSchema } from './events/referral-issued.event';
import { encryptedPersonDataSchema } from './personal-data';
import { deadLetterTopic, partnerReferralsTopic, partnerResponsesTopic, shelterOffersTopic, signalMatchesTopic, topicSpecFor, TOPICS } from './topics';
import { ASYNCAPI_NOTES } from './asyncapi-notes';

/*
 * docs/asyncapi.yaml, generated from the event catalog (docs/adr/0029): a channel per topic (partner topics
 * and the dead-letter topics as parameterised channels), a message per event type and version with its data
 * schema exactly as `EVENT_CATALOG` has it, and the CloudEvents envelope as `envelope.ts` defines it. What the
 * catalog cannot say (the prose of each channel and message, servers, operations, dead letters and chain
 * heads) is kept in `asyncapi-notes.ts` and laid over what is generated. `npm run docs:generate` writes the
 * file; `asyncapi.spec.ts` fails when the committed file differs. Deterministic: channels in `TOPICS` order,
 * messages and schemas by name.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export const ASYNCAPI_FILE = 'docs/asyncapi.yaml';
const SCHEMA_PREFIX = 'urn:vt:schema:';
const KAFKA_BINDING_VERSION = '0.5.0';

/** `nl.veiligthuis.triage.SafetyAssessmentCompleted.v2` → context, name and version. */
function partsOf(type: string): { context: string; name: string; version: number } {
  const match = /^nl\.veiligthuis\.([a-z-]+)\.([A-Za-z]+)\.v(\d+)$/.exec(type);
  if (!match) throw new Error(`event type ${type} is not nl.veiligthuis.<context>.<Event>.v<major>`);
  return { context: match[1] as string, name: match[2] as string, version: Number(match[3]) };
}

/** The message's name inside its channel: `safetyAssessmentCompletedV2`, `partnerReferralAccepted`. */
function channelMessageName(type: string): string {
  const { context, name, version } = partsOf(type);
  const base = context === 'partner' ? `partner${name}` : `${name.charAt(0).toLowerCase()}${name.slice(1)}`;
  return version > 1 ? `${base}V${version}` : base;
}

const messageKey = (schemaId: string): string => schemaId.replace(SCHEMA_PREFIX, '');

/** The channels: every domain topic, then the partner and dead-letter topics with their parameter. */
function channelAddresses(): [string, string][] {
  return [
    ...Object.entries(TOPICS),
    ['partnerReferrals', partnerReferralsTopic('partner').replace('.partner.referrals', '.{partnerId}.referrals')],
    ['partnerResponses', partnerResponsesTopic('partner').replace('.partner.responses', '.{partnerId}.responses')],
    ['signalMatches', signalMatchesTopic('partner').replace('.partner.matches', '.{partnerId}.matches')],
    ['shelterOffers', shelterOffersTopic('partner').replace('.partner.offers', '.{partnerId}.offers')],
    ['deadLetters', deadLetterTopic('{service}')],
  ];
}

const toJson = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

/** A schema with the shared parts (person references, encrypted person data, disclosures) as `$ref`s to their components. */
function withSharedRefs(schema: unknown): Json {
  const shared = new Map<unknown, string>([
    [personRefSchema, 'PersonRef'],
    [encryptedPersonDataSchema, 'EncryptedPersonData'],
    [disclosureSchema, 'Disclosure'],
  ]);
  // The same object, or a copy with a description of its own (`{ ...encryptedPersonDataSchema, description }`).
  const withoutNotes = (node: object): string => {
    const { $id: _id, title: _title, description: _description, ...rest } = node as Record<string, unknown>;
    return JSON.stringify(rest);
  };
  const sharedByShape = new Map([...shared].map(([schema, name]) => [withoutNotes(schema as object), name]));
  const walk = (node: unknown): Json => {
    const name = shared.get(node) ?? (node && typeof node === 'object' && !Array.isArray(node) ? sharedByShape.get(withoutNotes(node)) : undefined);
    if (name) {
      const own = (node as { description?: string }).description;
      const sharedDescription = [...shared].find(([, n]) => n === name)?.[0] as { description?: string };
      return own !== undefined && own !== sharedDescription.description ? { description: own, $ref: `#/components/schemas/${name}` } : { $ref: `#/components/schemas/${name}` };
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, walk(value)]));
    return node as Json;
  };
  return walk(schema);
}

/** Lays `notes` over `base`: objects merge key by key, lists of the same length item by item (`{}` keeps an item), anything else replaces; `null` in the notes removes the key. */
export function overlay(base: Json, notes: Json | undefined): Json {
  if (notes === undefined || (isObject(notes) && Object.keys(notes).length === 0)) return base;
  // Lists of the same length merge item by item (`allOf`), so a note can add to one part of it.
  if (Array.isArray(base) && Array.isArray(notes) && base.length === notes.length) return base.map((item, i) => overlay(item, notes[i]));
  if (!isObject(base) || !isObject(notes)) return notes;
  const result: JsonObject = { ...base };
  for (const [key, value] of Object.entries(notes)) {
    if (value === null) delete result[key];
    else result[key] = key in base ? overlay(base[key] as Json, value) : value;
  }
  return result;
}

const isObject = (value: Json | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

const byName = <T>(record: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

function checkpointEnvelope(envelope: Json): JsonObject {
  const schema = envelope as JsonObject;
  const required = Array.isArray(schema['required']) ? (schema['required'] as Json[]).filter((name) => name !== 'householdid') : [];
  const { householdid: _household, ...properties } = (isObject(schema['properties']) ? schema['properties'] : {}) as JsonObject;
  return { ...schema, description: 'The CloudEvents envelope of an `AuditChainCheckpointed` record: as every event\'s, without `householdid` (a checkpoint covers the chains of many households; docs/adr/0027).', required, properties };
}

/** The AsyncAPI 3.0 document of every topic and event, from the catalog and the notes. */
export function buildAsyncApiDocument(): JsonObject {
  const notes = ASYNCAPI_NOTES;
  const contracts = Object.values(EVENT_CATALOG).sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));

  const messages: JsonObject = {};
  const dataSchemas: JsonObject = {};
  for (const contract of contracts) {
    const schemaId = contract.schema.$id;
    const key = messageKey(schemaId);
    const { name } = partsOf(contract.type);
    const supersededBy = 'supersededBy' in contract ? (contract.supersededBy as string) : undefined;
    const producers: readonly string[] = Array.isArray(contract.producer) ? contract.producer : [contract.producer as string];
    // A checkpoint covers the chains of many households: it has no `householdid` and is keyed by its producer (docs/adr/0027).
    const checkpoint = contract.type === AUDIT_CHAIN_CHECKPOINTED;
    const message: Json = {
      name: contract.type,
      title: name,
      summary: contract.summary,
      contentType: 'application/cloudevents+json',
      headers: { type: 'object', allOf: [{ $ref: '#/components/schemas/RecordHeaders' }, { type: 'object', properties: { ce_type: { const: contract.type } } }] },
      payload: {
        allOf: [
          checkpoint ? { $ref: '#/components/schemas/CheckpointEnvelope' } : { $ref: '#/components/schemas/CloudEventEnvelope' },
          {
            type: 'object',
            properties: {
              source: producers.length === 1 ? { const: `/veilig-thuis/${producers[0]}` } : { enum: producers.map((producer) => `/veilig-thuis/${producer}`) },
              type: { const: contract.type },
              dataschema: { const: schemaId },
              data: { $ref: `#/components/schemas/${key}` },
            },
          },
        ],
      },
      correlationId: { $ref: '#/components/correlationIds/correlationid' },
      bindings: { kafka: { key: checkpoint ? { type: 'string', enum: [...producers], description: 'The producing service.' } : { $ref: '#/components/schemas/HouseholdKey' }, bindingVersion: KAFKA_BINDING_VERSION } },
      ...(supersededBy ? { 'x-superseded-by': supersededBy } : {}),
    };
    messages[key] = overlay(message, notes.messages[key]);
    const { $id: _id, ...schema } = contract.schema as { $id: string } & Record<string, unknown>;
    dataSchemas[key] = overlay({ 'x-dataschema': schemaId, ...(withSharedRefs(schema) as JsonObject) }, notes.dataSchemas[key]);
  }

  const channels: JsonObject = {};
  for (const [channel, address] of channelAddresses()) {
    const spec = topicSpecFor(address);
    const own = contracts.filter((contract) => contract.address === address);
    const base: Json = {
      address,
      messages: Object.fromEntries(own.map((contract) => [channelMessageName(contract.type), { $ref: `#/components/messages/${messageKey(contract.schema.$id)}` }])),
      bindings: { kafka: { partitions: spec.numPartitions, topicConfiguration: { 'retention.ms': spec.retentionMs }, bindingVersion: KAFKA_BINDING_VERSION } },
    };
    const note = notes.channels[channel];
    if (!note) throw new Error(`asyncapi-notes.ts has no title and description for channel ${channel} (${address})`);
    const merged = overlay(base, note) as JsonObject;
    // Address, title and description first, as a reader expects them.
    const first = Object.fromEntries(['address', 'title', 'description', 'parameters'].filter((key) => merged[key] !== undefined).map((key) => [key, merged[key] as Json]));
    channels[channel] = { ...first, ...merged };
  }

  const sharedSchemas: JsonObject = {
    CloudEventEnvelope: overlay(toJson(cloudEventEnvelopeSchema), notes.schemas['CloudEventEnvelope']),
    // The envelope of a chain-head checkpoint: every attribute of the CloudEventEnvelope, without a household.
    CheckpointEnvelope: checkpointEnvelope(toJson(cloudEventEnvelopeSchema)),
    EncryptedPersonData: overlay(withSharedRefs(stripId(encryptedPersonDataSchema)), notes.schemas['EncryptedPersonData']),
    PersonRef: overlay(withSharedRefs(stripId(personRefSchema)), notes.schemas['PersonRef']),
    Disclosure: overlay(withSharedRefs(stripId(disclosureSchema)), notes.schemas['Disclosure']),
  };
  const ownSchemas = Object.fromEntries(Object.entries(notes.schemas).filter(([name]) => !(name in sharedSchemas)));

  return {
    asyncapi: '3.0.0',
    info: notes.info,
    defaultContentType: 'application/cloudevents+json',
    servers: notes.servers,
    channels,
    operations: notes.operations,
    components: {
      parameters: notes.parameters,
      messages: { ...byName(messages), ...notes.extraMessages },
      correlationIds: notes.correlationIds,
      schemas: { ...ownSchemas, ...sharedSchemas, ...byName(dataSchemas) },
    },
  };
}

function stripId(schema: object): Json {
  const { $id: _id, ...rest } = schema as Record<string, unknown>;
  return toJson(rest);
}

/** The record headers' content type, as the relay sets it (RecordHeaders in the notes must agree). */
export const ASYNCAPI_RECORD_CONTENT_TYPE = CLOUDEVENTS_CONTENT_TYPE;

// --- YAML -------------------------------------------------------------------------------------------------------

const PLAIN = /^[A-Za-z_/][A-Za-z0-9_ ./`()'<>,-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

function scalar(value: Json): string {
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = value as string;
  if (text !== '' && PLAIN.test(text) && !RESERVED.test(text) && !text.endsWith(' ') && !/: | #/.test(text) && !/^[-?:,[\]{}#&*!|>'"%@`]/.test(text)) return text;
  return `'${text.replace(/'/g, "''")}'`;
}

const keyText = (key: string): string => (/^[A-Za-z_$][A-Za-z0-9_.$-]*$/.test(key) && !RESERVED.test(key) ? key : `'${key.replace(/'/g, "''")}'`);

function isScalarList(value: Json[]): boolean {
  return value.every((item) => item === null || typeof item !== 'object') && value.every((item) => typeof item !== 'string' || !item.includes('\n'));
}

function emit(value: Json, indent: number, lines: string[]): void {
  const pad = ' '.repeat(indent);
  if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) emitEntry(`${pad}${keyText(key)}:`, item, indent, lines);
  }
}

function emitEntry(head: string, item: Json, indent: number, lines: string[]): void {
  const pad = ' '.repeat(indent);
  if (typeof item === 'string' && item.includes('\n')) {
    const body = item.endsWith('\n') ? item.slice(0, -1) : item;
    lines.push(`${head} ${item.endsWith('\n') ? '|' : '|-'}`);
    for (const line of body.split('\n')) lines.push(line === '' ? '' : `${pad}  ${line}`);
  } else if (Array.isArray(item)) {
    if (item.length === 0) lines.push(`${head} []`);
    else if (isScalarList(item)) lines.push(`${head} [${item.map(scalar).join(', ')}]`);
    else {
      lines.push(head);
      for (const element of item) {
        if (isObject(element) && Object.keys(element).length > 0) {
          const nested: string[] = [];
          emit(element, indent + 4, nested);
          lines.push(`${pad}  - ${(nested[0] as string).trimStart()}`, ...nested.slice(1));
        } else {
          const nested: string[] = [];
          emitEntry(`${pad}  -`, element, indent + 2, nested);
          lines.push(...nested);
        }
      }
    }
  } else if (isObject(item)) {
    if (Object.keys(item).length === 0) lines.push(`${head} {}`);
    else {
      lines.push(head);
      emit(item, indent + 2, lines);
    }
  } else lines.push(`${head} ${scalar(item)}`);
}

/** Block-style YAML with two-space indents, lists of scalars on one line, multi-line strings as literal blocks. */
export function toYaml(document: JsonObject, header = ''): string {
  const lines: string[] = header ? header.split('\n') : [];
  for (const [key, value] of Object.entries(document)) {
    if (lines.length > 0 && isObject(value)) lines.push('');
    emitEntry(`${keyText(key)}:`, value, 0, lines);
  }
  return `${lines.join('\n')}\n`;
}

export const ASYNCAPI_HEADER = '# Generated from libs/contracts (EVENT_CATALOG, TOPICS, envelope.ts, asyncapi-notes.ts) by `npm run docs:generate`.\n# Do not edit: change the catalog or the notes and regenerate (docs/adr/0029).';

/** The text of docs/asyncapi.yaml. */
export const asyncApiText = (): string => toYaml(buildAsyncApiDocument(), ASYNCAPI_HEADER);
