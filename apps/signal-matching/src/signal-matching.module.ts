import { Module } from '@nestjs/common';
import { TOPICS } from '@vt/contracts';
import { ApiDocument, ServiceModule } from '@vt/runtime';
import { SIGNAL_MATCHING_API } from './openapi/signal-matching.api';
import { CreateSignals1764300000600 } from './migrations/1764300000600-create-signals';
import { DigestPseudonyms1764300000610 } from './migrations/1764300000610-digest-pseudonyms';
import { PseudonymDigests } from './signals/pseudonym-digest';
import { SignalExpiry } from './signals/signal-expiry';
import { SignalMatchingConfig } from './signals/signal-matching-config';
import { Signals } from './signals/signals';
import { SignalsController } from './signals/signals.controller';

@Module({
  imports: [
    ServiceModule.forRoot({
      service: 'signal-matching',
      httpPort: 3005,
      databaseSchema: 'signal_matching',
      migrations: [CreateSignals1764300000600, DigestPseudonyms1764300000610],
      produces: [TOPICS.signals],
      // The pseudonym in events is encrypted under each signal's own data key (libs/privacy), destroyed when the signal ends.
      personalData: true,
    }),
  ],
  controllers: [SignalsController],
  providers: [SignalMatchingConfig, PseudonymDigests, Signals, SignalExpiry],
})
@ApiDocument(SIGNAL_MATCHING_API)
export class SignalMatchingModule {}
