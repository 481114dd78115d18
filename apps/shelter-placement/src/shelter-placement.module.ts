import { Module } from '@nestjs/common';
import { TOPICS } from '@vt/contracts';
import { ApiDocument, ServiceModule } from '@vt/runtime';
import { SHELTER_PLACEMENT_API } from './openapi/shelter-placement.api';
import { CreateShelterPlacement1764300000700 } from './migrations/1764300000700-create-shelter-placement';
import { OutboxByHousehold1764300000710 } from './migrations/1764300000710-outbox-by-household';
import { HouseholdTimelineController } from './household-timeline/household-timeline.controller';
import { OfferLapses } from './placements/offer-lapses';
import { PlacementMetrics } from './placements/placement-metrics';
import { Placements } from './placements/placements';
import { PlacementsController } from './placements/placements.controller';
import { ShelterPlacementConfig } from './placements/shelter-placement-config';
import { SheltersController } from './placements/shelters.controller';

@Module({
  imports: [
    ServiceModule.forRoot({
      service: 'shelter-placement',
      httpPort: 3006,
      databaseSchema: 'shelter_placement',
      migrations: [CreateShelterPlacement1764300000700, OutboxByHousehold1764300000710],
      // Each shelter's offers topic (vt.shelter.<shelter>.offers.v1) is created by the relay on its first record.
      produces: [TOPICS.shelterPlacements, TOPICS.auditAccess],
      // No person data: ids, codes, counts and dates only (docs/adr/0040); so no data keys and no erasure consumer.
    }),
  ],
  controllers: [PlacementsController, SheltersController, HouseholdTimelineController],
  providers: [
    { provide: ShelterPlacementConfig, useFactory: () => new ShelterPlacementConfig() },
    Placements,
    OfferLapses,
    PlacementMetrics,
  ],
})
@ApiDocument(SHELTER_PLACEMENT_API)
export class ShelterPlacementModule {}
