import 'reflect-metadata';
import { join } from 'node:path';
import { apiDocumentDrift, checkApiDocument, createApiDocument } from '@vt/runtime';
import { ShelterPlacementModule } from '../shelter-placement.module';

// Issue 13, point 9: the OpenAPI document is generated from the controllers (@nestjs/swagger) and checked for drift.
// The document is built from the controllers' metadata alone (stub providers): no Postgres, no Kafka.
describe('docs/openapi/shelter-placement.openapi.json', () => {
  it('is what the controllers and DTOs generate (else: run `npm run docs:generate`)', async () => {
    expect(await apiDocumentDrift(ShelterPlacementModule, join(__dirname, '..', '..', '..', '..'))).toBeUndefined();
  });

  it('documents every route, every $ref resolves, and each request schema says what its DTO validates', async () => {
    expect(checkApiDocument(ShelterPlacementModule, await createApiDocument(ShelterPlacementModule))).toEqual([]);
  });
});
