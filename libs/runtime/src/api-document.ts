import { applyDecorators, Controller, DynamicModule, Get, Header, Injectable, INestApplication, Module, ParseUUIDPipe, Provider, RequestMethod, Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, MODULE_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA, SELF_DECLARED_DEPS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { NestFactory } from '@nestjs/core';
import { ApiBody, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiResponse, ApiSchema, ApiTags, DocumentBuilder, getSchemaPath, SwaggerModule } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { HeaderObject, OperationObject, ParameterObject, PathItemObject, ResponseObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { IS_PUBLIC_KEY, Public, ROLES_KEY } from '@vt/auth';
import { ACCESS_PURPOSES } from '@vt/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE } from './problem';

/*
 * The OpenAPI document of a service, generated from its controllers with @nestjs/swagger (docs/adr/0029).
 * The Nest CLI plugin is not used (the services run from TypeScript source), so DTOs and controllers carry
 * explicit @ApiProperty / @ApiResponse decorators; what follows from metadata the services already have
 * (@Public, @Roles, a @Body, the global ValidationPipe and body limits) is added here, so it cannot drift:
 * security and `x-roles`, 401/403, the 400/413/415 of a request body, the 503 of a database outage, and
 * `additionalProperties: false` on request DTOs. The document is built by `bootstrapService` when first asked for, and
 * served at `GET /api/openapi.json`; `npm run docs:generate` writes it to docs/openapi/<service>.openapi.json
 * and each service's drift test compares the two.
 */

export const BEARER_AUTH = 'bearerAuth';

/** One refused field of a problem response. */
@ApiSchema({ name: 'ProblemField', description: 'One refused field: where (`persons[0].bsn`, or a header name), a machine code and a sentence.' })
export class ProblemFieldSchema {
  @ApiProperty({ type: String, description: 'The field, as a path into the body (`melder.phone`, `persons[0].bsn`) or a header name (`X-Access-Purpose`).' })
  path!: string;

  @ApiProperty({ type: String, description: 'A machine code: a class-validator constraint (`maxLength`), `unknown-field`, or a rule of the service (`bsn-fails-elfproef`).' })
  code!: string;

  @ApiProperty({ type: String, description: 'What is wrong, for a person.' })
  message!: string;
}

/** The body of every 4xx and 5xx answer: RFC 9457 problem details, with the codes the services answered with before. */
@ApiSchema({
  name: 'Problem',
  description:
    'RFC 9457 problem details (`Content-Type: application/problem+json`), one shape for every 4xx and 5xx answer of every service. `error` (a machine code such as `validation-failed`) and `statusCode` are kept for the clients written before; `type` is `https://veilig-thuis.example/problems/<error>`. A refused body lists every failing field at once in `fields`. No stack traces or SQL in any body. Some problems add members of their own (e.g. `suggestions` for an unknown gemeente, `allowed` for an access purpose).',
})
export class ProblemSchema {
  @ApiProperty({ type: String, format: 'uri', description: '`https://veilig-thuis.example/problems/<error>`, or `about:blank`.', example: `${PROBLEM_TYPE_BASE}validation-failed` })
  type!: string;

  @ApiProperty({ type: String, description: 'A short summary of the problem type.', example: 'Bad Request' })
  title!: string;

  @ApiProperty({ type: 'integer', description: 'The HTTP status code.', example: 400 })
  status!: number;

  @ApiPropertyOptional({ type: String, description: 'What went wrong with this request, for a person.' })
  detail?: string;

  @ApiPropertyOptional({ type: String, description: 'The request path this problem is about.' })
  instance?: string;

  @ApiProperty({ type: String, description: 'A machine code (`validation-failed`, `unauthenticated`, `forbidden`, `melding-not-found`, `database-unavailable`, …): the last segment of `type`.', example: 'validation-failed' })
  error!: string;

  @ApiProperty({ type: 'integer', description: 'The HTTP status code again (as before RFC 9457).', example: 400 })
  statusCode!: number;

  @ApiPropertyOptional({ type: () => ProblemFieldSchema, isArray: true, description: 'Every refused field at once (400 `validation-failed`, 422).' })
  fields?: ProblemFieldSchema[];
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  503: 'Service Unavailable',
};

export interface ProblemExample {
  summary?: string;
  value: Record<string, unknown>;
}

export interface ApiProblemOptions {
  examples?: Record<string, ProblemExample>;
  headers?: Record<string, HeaderObject>;
}

/** The response object of a problem answer (also used for the responses added from metadata). */
export function problemResponse(status: number, description: string, options: ApiProblemOptions = {}): ResponseObject {
  // Examples written with only `error`/`statusCode`/`fields` get the RFC 9457 members the filter adds.
  const examples = options.examples
    ? Object.fromEntries(
        Object.entries(options.examples).map(([name, example]) => {
          const error = typeof example.value['error'] === 'string' ? example.value['error'] : undefined;
          const value = { type: error ? `${PROBLEM_TYPE_BASE}${error}` : 'about:blank', title: STATUS_TEXT[status] ?? 'Error', status, ...example.value };
          return [name, { ...example, value }];
        }),
      )
    : undefined;
  return {
    description,
    ...(options.headers ? { headers: options.headers } : {}),
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemSchema) }, ...(examples ? { examples } : {}) } },
  };
}

/** A problem answer of a route (404, 409, 422, …), with the shared Problem schema; the description names the `error` codes. */
export function ApiProblem(status: number, description: string, options: ApiProblemOptions = {}): MethodDecorator & ClassDecorator {
  const response = problemResponse(status, description, options);
  return ApiResponse({ status, description: response.description, ...(response.headers ? { headers: response.headers } : {}), content: response.content } as Parameters<typeof ApiResponse>[0]);
}

/** The `X-Access-Purpose` header every read of case data needs (`@AccessPurpose()` reads it). */
export function ApiAccessPurpose(): MethodDecorator & ClassDecorator {
  return ApiHeader({
    name: 'X-Access-Purpose',
    required: true,
    description:
      'Why the case is read, as a code (never free text: the record of the read stays on the permanent log, docs/adr/0020); recorded with the read for the auditors (`CaseDataAccessed.v2.purpose`). Missing is a 400 `purpose-required`, anything but a code a 400 `purpose-not-a-code`; both list the codes in `allowed`.',
    schema: { type: 'string', enum: [...ACCESS_PURPOSES] },
    example: 'veiligheidsbeoordeling',
  });
}

/** Documents the `X-Access-Purpose` header on every handler that reads it with `@AccessPurpose()` (a parameter-decorator enhancer). */
export function documentAccessPurpose(target: object, key: string | symbol | undefined): void {
  if (key === undefined) return;
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (descriptor) ApiAccessPurpose()(target, key, descriptor);
}

/** The optional `Idempotency-Key` header of a registering POST. */
export function ApiIdempotencyKey(): MethodDecorator & ClassDecorator {
  return ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Optional. A retry with the same key and the same body gets the first answer; the same key with a different body is a 422 `idempotency-key-reused`. A malformed key is a 400 with path `Idempotency-Key`.',
    schema: { type: 'string', pattern: '^[\\x21-\\x7e]{8,200}$', description: '8 to 200 visible ASCII characters, e.g. a UUID.' },
    example: '3f2b8c1e-7d4a-4e5f-9a6b-1c2d3e4f5a6b',
  });
}

/** A JSON Schema (2020-12, as OpenAPI 3.1 has it) written out by hand: `const`, `type` lists and all. */
export type JsonSchema = Record<string, unknown>;

/** Answer schemas of libs/runtime's controllers (health, dead letters), written as JSON Schema. */
export const RUNTIME_SCHEMAS: Record<string, JsonSchema> = {
  "Live": {
    "type": "object",
    "required": [
      "status"
    ],
    "properties": {
      "status": {
        "const": "live"
      }
    }
  },
  "Readiness": {
    "type": "object",
    "required": [
      "status",
      "checks"
    ],
    "properties": {
      "status": {
        "enum": [
          "ready",
          "not-ready"
        ]
      },
      "checks": {
        "type": "object",
        "required": [
          "database",
          "kafka",
          "consumers"
        ],
        "properties": {
          "database": {
            "$ref": "#/components/schemas/Check"
          },
          "kafka": {
            "$ref": "#/components/schemas/Check"
          },
          "consumers": {
            "$ref": "#/components/schemas/Check"
          }
        }
      }
    }
  },
  "Check": {
    "oneOf": [
      {
        "type": "object",
        "required": [
          "status"
        ],
        "properties": {
          "status": {
            "const": "up"
          }
        }
      },
      {
        "type": "object",
        "required": [
          "status",
          "error"
        ],
        "properties": {
          "status": {
            "const": "down"
          },
          "error": {
            "type": "string"
          }
        }
      }
    ]
  },
  "ParkedHouseholds": {
    "type": "object",
    "required": [
      "consumerGroups"
    ],
    "properties": {
      "consumerGroups": {
        "type": "array",
        "items": {
          "type": "object",
          "required": [
            "consumerGroup",
            "parked"
          ],
          "properties": {
            "consumerGroup": {
              "type": "string"
            },
            "parked": {
              "type": "array",
              "items": {
                "type": "object",
                "required": [
                  "householdId",
                  "firstEventId",
                  "reason",
                  "parkedAt"
                ],
                "properties": {
                  "householdId": {
                    "type": "string"
                  },
                  "firstEventId": {
                    "type": "string"
                  },
                  "reason": {
                    "type": "string"
                  },
                  "parkedAt": {
                    "type": "string",
                    "format": "date-time"
                  }
                }
              }
            }
          }
        }
      }
    }
  },
  "RedriveResult": {
    "type": "object",
    "required": [
      "householdKey",
      "deadLetters",
      "applied",
      "duplicates",
      "discarded",
      "deadLetteredAgain",
      "unparked"
    ],
    "properties": {
      "householdKey": {
        "type": "string"
      },
      "deadLetters": {
        "type": "integer",
        "minimum": 0
      },
      "applied": {
        "type": "integer",
        "minimum": 0
      },
      "duplicates": {
        "type": "integer",
        "minimum": 0
      },
      "discarded": {
        "type": "integer",
        "minimum": 0
      },
      "deadLetteredAgain": {
        "type": "integer",
        "minimum": 0
      },
      "unparked": {
        "type": "boolean",
        "description": "True when the household's later events are applied normally again."
      },
      "stillParkedBehind": {
        "type": "string",
        "description": "The dead letter that failed again, when one did."
      }
    }
  }
};

/** An operation's prose, examples and answers, as a service writes them down (intake's `INTAKE_OPERATIONS`). */
export interface DescribedOperation {
  tags?: string[];
  summary: string;
  description: string;
  requestExamples?: Record<string, { summary?: string; value: unknown }>;
  /** By status: a success names its schema (a component), a problem its `error` codes in the description. */
  responses: Record<string, { description: string; schema?: string; examples?: Record<string, { summary?: string; value: unknown }> }>;
}

/**
 * Applies a described operation to a handler: @ApiOperation, the request body (the DTO's schema with the
 * examples), the success answers with their schemas and the problem answers with the shared Problem schema.
 */
export function ApiDescribed(operationId: string, operation: DescribedOperation, body?: Type): MethodDecorator {
  const decorators: (MethodDecorator | ClassDecorator)[] = [ApiOperation({ operationId, summary: operation.summary, description: operation.description })];
  if (operation.tags) decorators.push(ApiTags(...operation.tags));
  if (body) {
    decorators.push(ApiExtraModels(body));
    decorators.push(ApiBody({ required: true, schema: { $ref: getSchemaPath(body) }, ...(operation.requestExamples ? { examples: operation.requestExamples } : {}) }));
  }
  for (const [status, response] of Object.entries(operation.responses)) {
    const code = Number(status);
    if (code >= 400) decorators.push(ApiProblem(code, response.description, response.examples ? { examples: response.examples as Record<string, ProblemExample> } : {}));
    else {
      const media = { schema: response.schema ? { $ref: `#/components/schemas/${response.schema}` } : { type: 'object' as const }, ...(response.examples ? { examples: response.examples } : {}) };
      decorators.push(ApiResponse({ status: code, description: response.description, content: { 'application/json': media } } as Parameters<typeof ApiResponse>[0]));
    }
  }
  return applyDecorators(...decorators) as MethodDecorator;
}

// --- What a service says about itself ---------------------------------------------------------------------

export interface ApiDocumentOptions {
  /** The service name, as in `SERVICES` (the file is docs/openapi/<service>.openapi.json). */
  service: string;
  title: string;
  description: string;
  version?: string;
  /** The local URL (`npx nx serve <service>`). */
  server?: { url: string; description: string };
  tags?: { name: string; description: string }[];
  /** Component schemas written as JSON Schema (answers that have no DTO class), added as they are. */
  schemas?: Record<string, JsonSchema>;
}

const API_DOCUMENT_KEY = 'vt:api-document';

/** On a service's root module: what its OpenAPI document says about the service (title, description, tags). */
export function ApiDocument(options: ApiDocumentOptions): ClassDecorator {
  return (target) => Reflect.defineMetadata(API_DOCUMENT_KEY, options, target);
}

export function apiDocumentOptionsOf(module: Type): ApiDocumentOptions | undefined {
  return Reflect.getMetadata(API_DOCUMENT_KEY, module) as ApiDocumentOptions | undefined;
}

// --- Routes from Nest's metadata ---------------------------------------------------------------------

export interface DocumentedRoute {
  method: string;
  path: string;
  controller: Type;
  handler: (...args: unknown[]) => unknown;
  handlerName: string;
}

const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Nest's `api/v1/meldingen` + `:meldingId` → OpenAPI's `/api/v1/meldingen/{meldingId}`. */
function openApiPath(...segments: string[]): string {
  const joined = segments
    .flatMap((segment) => segment.split('/'))
    .filter((part) => part !== '')
    .map((part) => part.replace(/^:(\w+)$/, '{$1}'))
    .join('/');
  return `/${joined}`;
}

export function routesOf(controller: Type): DocumentedRoute[] {
  const bases = asList(Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined);
  const prototype = controller.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype).flatMap((handlerName) => {
    const handler = prototype[handlerName];
    if (handlerName === 'constructor' || typeof handler !== 'function') return [];
    const paths = asList(Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined);
    const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    if (paths.length === 0 || requestMethod === undefined) return [];
    const method = RequestMethod[requestMethod].toLowerCase();
    return bases.flatMap((base) => paths.map((path) => ({ method, path: openApiPath(base, path), controller, handlerName, handler: handler as DocumentedRoute['handler'] })));
  });
}

/** The controllers a service serves: its root module's and those of every module it imports, dynamic ones included. */
export function controllersOf(module: Type | DynamicModule, seen = new Set<unknown>()): Type[] {
  const type = 'module' in module ? module.module : module;
  if (seen.has(module)) return [];
  seen.add(module);
  const own = [...((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, type) as Type[] | undefined) ?? []), ...('module' in module ? (module.controllers ?? []) : [])];
  const imports = [...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, type) as (Type | DynamicModule)[] | undefined) ?? []), ...('module' in module ? ((module.imports ?? []) as (Type | DynamicModule)[]) : [])];
  const imported = imports.filter((entry) => entry && (typeof entry === 'function' || 'module' in entry)).flatMap((entry) => controllersOf(entry, seen));
  return [...new Set([...own, ...imported])];
}

/** `getAllAndOverride`: the handler's metadata, else the controller's (as the auth guard reads it). */
const metadataOf = <T>(key: string, route: DocumentedRoute): T | undefined =>
  (Reflect.getMetadata(key, route.handler) as T | undefined) ?? (Reflect.getMetadata(key, route.controller) as T | undefined);

/** `path:meldingId`, `query:householdId`: the route arguments checked with a ParseUUIDPipe. */
function uuidArguments(route: DocumentedRoute): Set<string> {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, route.controller, route.handlerName) as Record<string, { data?: unknown; pipes?: unknown[] }> | undefined) ?? {};
  const found = new Set<string>();
  for (const [key, argument] of Object.entries(args)) {
    const type = Number(key.split(':')[0]);
    const where = type === RouteParamtypes.PARAM ? 'path' : type === RouteParamtypes.QUERY ? 'query' : undefined;
    if (where && typeof argument.data === 'string' && (argument.pipes ?? []).some((pipe) => pipe instanceof ParseUUIDPipe || pipe === ParseUUIDPipe)) found.add(`${where}:${argument.data}`);
  }
  return found;
}

function takesBody(route: DocumentedRoute): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, route.controller, route.handlerName) as Record<string, unknown> | undefined) ?? {};
  return Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
}

// --- Building the document ---------------------------------------------------------------------------------

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const UNAUTHENTICATED =
  'No token, not a bearer token, or a refused token (`unauthenticated`; the detail names the reason). `WWW-Authenticate` says which. When the issuer\'s keys cannot be loaded: 503 `auth-unavailable`.';
const FORBIDDEN = 'The token lacks the role (`forbidden`), or does not cover the Veilig Thuis region of the household (the detail names it).';
const VALIDATION_FAILED =
  'A refused request (`validation-failed`): every failing field at once in `fields[{ path, code, message }]`; an unknown field has code `unknown-field`, a field of the wrong type or a missing nested object names its path. A body that is not JSON is a 400 too.';
const TOO_LARGE = 'The body is larger than the service accepts (`payload-too-large`; JSON bodies of at most 256 kB), or nested or repeated beyond its limits.';
const MALFORMED_ID = 'An id in the path or query is not a UUID (`validation-failed`).';
const PURPOSE_REFUSED = '`X-Access-Purpose` is missing (`purpose-required`) or not one of the codes (`purpose-not-a-code`); both list the codes in `allowed` (`validation-failed`, path `X-Access-Purpose`).';
const UNSUPPORTED = 'The body is not `application/json` (`unsupported-media-type`).';
const UNAVAILABLE = 'The database cannot be reached (`database-unavailable`), or the token issuer\'s keys cannot be loaded (`auth-unavailable`). Try again after `Retry-After` seconds.';

const RETRY_AFTER: Record<string, HeaderObject> = { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' } } };
const WWW_AUTHENTICATE: Record<string, HeaderObject> = {
  'WWW-Authenticate': {
    description: '`Bearer` (no token), `Bearer error="invalid_request"` (not a bearer header) or `Bearer error="invalid_token"` (refused).',
    schema: { type: 'string' },
  },
};

function sortedObject<T>(entries: Record<string, T>, order: (a: string, b: string) => number = (a, b) => (a < b ? -1 : a > b ? 1 : 0)): Record<string, T> {
  return Object.fromEntries(Object.entries(entries).sort(([a], [b]) => order(a, b)));
}

const byStatus = (a: string, b: string): number => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0);

/** Renames `XDto` schemas to `X` (the names the API documents), in the components and in every `$ref`. */
function renameDtoSchemas(document: OpenAPIObject): Set<string> {
  const schemas = document.components?.schemas ?? {};
  const renames = new Map<string, string>();
  for (const name of Object.keys(schemas)) {
    const plain = name.replace(/Dto$/, '');
    if (plain !== name && !(plain in schemas)) renames.set(name, plain);
  }
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => {
        if (key === '$ref' && typeof value === 'string') {
          const name = value.replace('#/components/schemas/', '');
          return [key, renames.has(name) ? `#/components/schemas/${renames.get(name)}` : value];
        }
        return [key, walk(value)];
      }),
    );
  };
  document.paths = walk(document.paths) as OpenAPIObject['paths'];
  const renamed = walk(schemas) as Record<string, SchemaObject>;
  document.components = { ...document.components, schemas: Object.fromEntries(Object.entries(renamed).map(([name, schema]) => [renames.get(name) ?? name, schema])) };
  return new Set([...renames.values(), ...[...Object.keys(schemas)].filter((name) => name.endsWith('Dto'))]);
}

/**
 * Adds what follows from the routes' metadata to the document @nestjs/swagger built: security, roles, the
 * problem answers every route can give, and a stable order (paths and schemas by name, responses by status).
 */
function completeDocument(document: OpenAPIObject, controllers: Type[], options: ApiDocumentOptions): OpenAPIObject {
  const requestSchemas = renameDtoSchemas(document);
  const schemas = (document.components?.schemas ?? {}) as Record<string, SchemaObject>;
  // The global ValidationPipe refuses unknown fields (whitelist + forbidNonWhitelisted).
  for (const name of requestSchemas) if (schemas[name]) schemas[name] = { ...schemas[name], additionalProperties: false };
  Object.assign(schemas, RUNTIME_SCHEMAS as Record<string, SchemaObject>, (options.schemas ?? {}) as Record<string, SchemaObject>);

  for (const route of controllers.flatMap(routesOf)) {
    const operation = (document.paths[route.path] as Record<string, OperationObject> | undefined)?.[route.method];
    if (!operation) continue;
    const responses = operation.responses as Record<string, ResponseObject>;
    const isPublic = metadataOf<boolean>(IS_PUBLIC_KEY, route) === true;
    const roles = metadataOf<string[]>(ROLES_KEY, route);
    const add = (status: number, description: string, extra: ApiProblemOptions = {}): void => {
      responses[String(status)] ??= problemResponse(status, description, extra);
    };
    // @nestjs/swagger adds the default success answer only to a route without any @ApiResponse.
    if (!Object.keys(responses).some((status) => status.startsWith('2'))) {
      const status = (Reflect.getMetadata(HTTP_CODE_METADATA, route.handler) as number | undefined) ?? (route.method === 'post' ? 201 : 200);
      responses[String(status)] = { description: status === 201 ? 'Recorded.' : 'OK.' };
    }
    if (isPublic) operation.security = [];
    else {
      operation.security = [{ [BEARER_AUTH]: [] }];
      add(401, UNAUTHENTICATED, { headers: WWW_AUTHENTICATE });
      add(403, FORBIDDEN);
      add(503, UNAVAILABLE, { headers: RETRY_AFTER });
    }
    if (roles) (operation as unknown as Record<string, unknown>)['x-roles'] = roles;
    const declared = (operation.parameters ?? []) as ParameterObject[];
    const uuids = uuidArguments(route);
    for (const parameter of declared) {
      if ((parameter.in === 'path' || parameter.in === 'query') && uuids.has(`${parameter.in}:${parameter.name}`)) parameter.schema = { ...(parameter.schema ?? {}), type: 'string', format: 'uuid' };
    }
    if (uuids.size > 0) add(400, MALFORMED_ID);
    if (declared.some((parameter) => parameter.in === 'header' && parameter.name === 'X-Access-Purpose')) add(400, PURPOSE_REFUSED);
    if (takesBody(route)) {
      add(400, VALIDATION_FAILED);
      add(413, TOO_LARGE);
      add(415, UNSUPPORTED);
    }
    operation.responses = sortedObject(responses, byStatus);
    if (operation.tags) operation.tags = [...new Set(operation.tags)];
    // A header bound with @Headers('idempotency-key') is documented by its @ApiHeader (with its rules); drop the bare one.
    const parameters = (operation.parameters ?? []) as ParameterObject[];
    operation.parameters = parameters.filter(
      (parameter) => !(parameter.in === 'header' && parameter.description === undefined && parameters.some((other) => other !== parameter && other.in === 'header' && other.name.toLowerCase() === parameter.name.toLowerCase())),
    );
    if (operation.parameters.length === 0) delete operation.parameters;
  }

  for (const item of Object.values(document.paths) as PathItemObject[]) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation?.parameters) operation.parameters = [...(operation.parameters as ParameterObject[])].sort((a, b) => `${a.in}:${a.name}`.localeCompare(`${b.in}:${b.name}`));
    }
  }
  document.paths = sortedObject(document.paths);
  document.components = sortedObject({ ...document.components, schemas: sortedObject(schemas) }) as OpenAPIObject['components'];
  return JSON.parse(JSON.stringify(document)) as OpenAPIObject;
}

function documentConfig(options: ApiDocumentOptions): Omit<OpenAPIObject, 'paths'> {
  const builder = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion(options.version ?? '0.1.0')
    .setLicense('EUPL-1.2', 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'An access token from the OIDC issuer (EdDSA or RS256), with the claims `roles` and `regions`. `regions` holds Veilig Thuis region codes (`vt-amsterdam-amstelland`, `vt-west-brabant`, `vt-bq-bonaire`) or `*`, never veiligheidsregio codes (docs/adr/0017). Locally: `TOKEN=$(npm run -s vt -- dev-token --role call-handler --region vt-amsterdam-amstelland)`.',
      },
      BEARER_AUTH,
    )
    .addSecurityRequirements(BEARER_AUTH);
  if (options.server) builder.addServer(options.server.url, options.server.description);
  for (const tag of [...(options.tags ?? []), OPERATIONS_TAG]) builder.addTag(tag.name, tag.description);
  return builder.build();
}

export const OPERATIONS_TAG = { name: 'operations', description: 'Health, dead letters and this document: present on every service (libs/runtime).' };

/**
 * The service's OpenAPI document from the controllers of `app` (the running service, or the stub application of
 * `createApiDocument`). `module` is the service's root module, carrying `@ApiDocument`.
 */
export function buildApiDocument(app: INestApplication, module: Type): OpenAPIObject {
  const options = apiDocumentOptionsOf(module);
  if (!options) throw new Error(`${module.name} has no @ApiDocument({ service, title, description }): its OpenAPI document needs them`);
  const document = SwaggerModule.createDocument(app, documentConfig(options), {
    extraModels: [ProblemSchema, ProblemFieldSchema],
    autoTagControllers: false,
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '').replace(/^./, (c) => c.toLowerCase())}_${methodKey}`,
  });
  return completeDocument(document, controllersOf(module), options);
}

/** Stub providers for a controller's constructor: the document needs the controllers' metadata, never their dependencies. */
function stubProviders(controllers: Type[]): Provider[] {
  const tokens = new Set<unknown>();
  for (const controller of controllers) {
    const types = (Reflect.getMetadata('design:paramtypes', controller) as unknown[] | undefined) ?? [];
    const declared = (Reflect.getMetadata(SELF_DECLARED_DEPS_METADATA, controller) as { index: number; param: unknown }[] | undefined) ?? [];
    types.forEach((type, index) => tokens.add(declared.find((entry) => entry.index === index)?.param ?? type));
  }
  return [...tokens].filter((token) => token !== undefined && token !== Object).map((token) => ({ provide: token as string, useValue: {} }));
}

/**
 * Builds a service's document without starting it: a Nest application holding only the service's controllers,
 * with stub providers (no database, no broker, no token issuer). Used by `npm run docs:generate` and the drift tests.
 */
export async function createApiDocument(module: Type): Promise<OpenAPIObject> {
  const controllers = controllersOf(module);
  @Module({ controllers, providers: stubProviders(controllers) })
  class ApiDocumentModule {}
  const app = await NestFactory.create(ApiDocumentModule, { logger: false, abortOnError: false });
  try {
    return buildApiDocument(app, module);
  } finally {
    await app.close();
  }
}

/** The file a service's document is kept in, relative to the repository root. */
export const apiDocumentFile = (service: string): string => `docs/openapi/${service}.openapi.json`;

/** The committed file's text for a document: two-space JSON and a final newline. */
export const apiDocumentText = (document: OpenAPIObject): string => `${JSON.stringify(document, null, 2)}\n`;

/**
 * Whether the committed document of the service whose root module is `module` is what its controllers generate:
 * undefined when it is, else a sentence naming the file, the first line that differs, and `npm run docs:generate`.
 */
export async function apiDocumentDrift(module: Type, root: string): Promise<string | undefined> {
  const file = apiDocumentFile(apiDocumentOptionsOf(module)?.service ?? module.name);
  const generated = apiDocumentText(await createApiDocument(module));
  let committed: string;
  try {
    committed = readFileSync(join(root, file), 'utf8');
  } catch {
    return `${file} is missing: run \`npm run docs:generate\` and commit it`;
  }
  if (committed === generated) return undefined;
  const [was, now] = [committed.split('\n'), generated.split('\n')];
  const line = was.findIndex((text, i) => text !== now[i]);
  const at = line < 0 ? now.length : line;
  return (
    `${file} is not what the controllers and DTOs generate (first difference at line ${at + 1}: ` +
    `committed ${JSON.stringify(was[at]?.trim() ?? '(end of file)')}, generated ${JSON.stringify(now[at]?.trim() ?? '(end of file)')}). ` +
    'Run `npm run docs:generate` and commit the result.'
  );
}

// --- Serving it -----------------------------------------------------------------------------------------------

/** Holds the service's document, built from the running app when first asked for. */
@Injectable()
export class ApiDocumentHolder {
  private built?: OpenAPIObject;
  private builder?: () => OpenAPIObject;

  /** Builds the document when it is first asked for, not at every start (it walks every controller and DTO). */
  buildOnFirstRead(builder: () => OpenAPIObject): void {
    this.built = undefined;
    this.builder = builder;
  }

  set document(document: OpenAPIObject | undefined) {
    this.built = document;
    this.builder = undefined;
  }

  get document(): OpenAPIObject | undefined {
    if (this.built === undefined && this.builder) {
      this.built = this.builder();
      this.builder = undefined;
    }
    return this.built;
  }
}

/** `GET /api/openapi.json`: the service's OpenAPI 3.1 document, generated from its controllers when first asked for. No token needed. */
@Public()
@Controller('api')
export class OpenApiController {
  constructor(private readonly holder: ApiDocumentHolder) {}

  @Get('openapi.json')
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiTags(OPERATIONS_TAG.name)
  @ApiOperation({ operationId: 'getOpenApiDocument', summary: 'This document', description: 'The service\'s OpenAPI 3.1 document, generated from its controllers (docs/adr/0029); the same as `docs/openapi/<service>.openapi.json`. No token needed.' })
  @ApiOkResponse({ description: 'The OpenAPI document.', content: { 'application/json': { schema: { type: 'object' } } } })
  openApi(): OpenAPIObject | Record<string, never> {
    return this.holder.document ?? {};
  }
}
