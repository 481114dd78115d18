/*
 * `npm run docs:generate`: writes the API documents from the code (docs/adr/0029) — each service's OpenAPI
 * document (from its controllers, with @nestjs/swagger) to docs/openapi/<service>.openapi.json, and the
 * AsyncAPI document (from the event catalog in libs/contracts) to docs/asyncapi.yaml. Unit tests fail when a
 * committed file differs from what this writes.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASYNCAPI_FILE, asyncApiText } from '@vt/contracts';
import { apiDocumentFile, apiDocumentOptionsOf, apiDocumentText, createApiDocument } from '@vt/runtime';
import { SERVICE_MODULES } from './service-modules';

async function main(): Promise<void> {
  const root = join(__dirname, '..');
  for (const module of SERVICE_MODULES) {
    const document = await createApiDocument(module);
    const file = apiDocumentFile(apiDocumentOptionsOf(module)?.service ?? module.name);
    writeFileSync(join(root, file), apiDocumentText(document));
    console.log(`wrote ${file}`);
  }
  writeFileSync(join(root, ASYNCAPI_FILE), asyncApiText());
  console.log(`wrote ${ASYNCAPI_FILE}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
