import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import { parse, parseAllDocuments } from 'yaml';

/*
 * Validates Kubernetes manifests against the schemas vendored in deploy/schemas (provenance.json says where each
 * comes from), as the API server would: the built-in kinds against Kubernetes' own JSON Schema (strict: an unknown
 * field is an error), the custom resources against the openAPIV3Schema of their CRD's served version, made strict
 * the way `kubectl apply` (field validation "Strict", the default since 1.27) refuses unknown fields: every object
 * that lists its properties and does not say x-kubernetes-preserve-unknown-fields gets additionalProperties: false.
 * Not checked: CEL rules (x-kubernetes-validations) and what only an operator checks when it reconciles.
 */

export const ROOT = join(__dirname, '..', '..', '..');
const SCHEMAS = join(ROOT, 'deploy', 'schemas');

type Json = Record<string, unknown>;
export interface Problem {
  document: string;
  message: string;
}

interface Provenance {
  schemas: { file: string; sha256: string }[];
}

export function provenance(): Provenance {
  return JSON.parse(readFileSync(join(SCHEMAS, 'provenance.json'), 'utf8')) as Provenance;
}

export function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(join(SCHEMAS, file))).digest('hex');
}

/** Objects that list their properties refuse any other, unless the CRD keeps unknown fields there. */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema as Json)) out[key] = key === 'enum' || key === 'default' || key === 'example' ? value : strict(value);
  if (out['properties'] && out['additionalProperties'] === undefined && out['x-kubernetes-preserve-unknown-fields'] !== true) out['additionalProperties'] = false;
  return out;
}

function withoutDraft(schema: Json): Json {
  const { $schema: _draft, ...rest } = schema;
  return rest;
}

export class ManifestValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor() {
    for (const { file } of provenance().schemas) {
      if (file.endsWith('.json')) this.addKubernetes(file);
      else this.addCrd(file);
    }
  }

  kinds(): string[] {
    return [...this.validators.keys()].sort();
  }

  private addKubernetes(file: string): void {
    const schema = JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')) as { properties: { apiVersion: { enum: string[] }; kind: { enum: string[] } } } & Json;
    const [apiVersion] = schema.properties.apiVersion.enum;
    const [kind] = schema.properties.kind.enum;
    this.validators.set(`${apiVersion}/${kind}`, this.ajv.compile(withoutDraft(schema)));
  }

  private addCrd(file: string): void {
    const crd = parse(readFileSync(join(SCHEMAS, file), 'utf8')) as {
      spec: { group: string; names: { kind: string }; versions: { name: string; served: boolean; schema: { openAPIV3Schema: Json } }[] };
    };
    for (const version of crd.spec.versions.filter((candidate) => candidate.served)) {
      const schema = strict(version.schema.openAPIV3Schema) as Json;
      // The kind and version are the CRD's, and metadata is an object: what the API server itself checks.
      const properties = { ...(schema['properties'] as Json), apiVersion: { const: `${crd.spec.group}/${version.name}` }, kind: { const: crd.spec.names.kind } };
      this.validators.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, this.ajv.compile({ ...schema, properties, required: ['apiVersion', 'kind', 'metadata', 'spec'] }));
    }
  }

  /** Every problem of one manifest; none when the API server would take it. */
  validate(manifest: unknown, where = 'manifest'): Problem[] {
    const object = manifest as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
    const document = `${where} ${String(object?.kind)} ${String(object?.metadata?.name)}`;
    const validator = this.validators.get(`${String(object?.apiVersion)}/${String(object?.kind)}`);
    if (!validator) return [{ document, message: `no schema for apiVersion ${String(object?.apiVersion)} kind ${String(object?.kind)} (known: ${this.kinds().join(', ')})` }];
    const problems: Problem[] = [];
    const name = object.metadata?.name;
    // Names of these kinds are DNS-1123 subdomains (Services: labels, at most 63 characters).
    const limit = object.kind === 'Service' ? 63 : 253;
    if (typeof name !== 'string' || name.length > limit || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name) || (object.kind === 'Service' && name.includes('.'))) {
      problems.push({ document, message: `metadata.name ${JSON.stringify(name)} is not a valid ${object.kind === 'Service' ? 'DNS-1123 label' : 'DNS-1123 subdomain'}` });
    }
    if (!validator(manifest)) {
      for (const error of validator.errors ?? []) {
        const detail = error.keyword === 'additionalProperties' ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})` : error.keyword === 'enum' ? ` (${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)})` : '';
        problems.push({ document, message: `${error.instancePath || '/'} ${error.message ?? error.keyword}${detail}` });
      }
    }
    return problems;
  }
}

/** The documents of a YAML file, read as YAML 1.1 like kubectl; a syntax error is a problem too. */
export function readManifests(text: string, where: string): { manifests: unknown[]; problems: Problem[] } {
  const documents = parseAllDocuments(text, { version: '1.1' });
  const problems: Problem[] = [];
  const manifests: unknown[] = [];
  for (const document of Array.isArray(documents) ? documents : [documents]) {
    for (const error of document.errors) problems.push({ document: where, message: error.message });
    manifests.push(document.toJS());
  }
  return { manifests, problems };
}
