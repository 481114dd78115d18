import { DynamicModule, Logger, Module, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthModule } from '@vt/auth';
import { CreatePersonKeys1764300000080, loadMasterKeys, PersonDataCipher, PersonKeyStore } from '@vt/privacy';
import { TimerStore, TopicNames, createKafka } from '@vt/messaging';
import { AllowDiscardedDeadLetters1764300000010, CreateEventChains1764300000090, CreateMessagingTables1764300000000, CreateTimerTables1764300000050, createServiceDataSource, TimerPersons1764300000060, migrate } from '@vt/persistence';
import { loadServiceConfig, ServiceConfig } from './config';
import { MessagingLifecycle, SERVICE_MODULE_OPTIONS, ServiceModuleOptions } from './messaging-lifecycle';
import { ConsumerGroupStatus } from './consumer-status';
import { HealthController } from './health.controller';
import { DeadLettersController } from './dead-letters.controller';
import { Outbox } from './outbox.service';
import { DATA_SOURCE, KAFKA, SERVICE_CONFIG, TOPIC_NAMES } from './tokens';
import { AUDIT_SIGNER, loadAuditSigner } from './audit-signing';
import { AccessLog } from './access-audit';
import { ApiDocumentHolder, OpenApiController } from './api-document';

@Module({})
export class ServiceModule {
  static forRoot(options: ServiceModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: SERVICE_MODULE_OPTIONS, useValue: options },
      { provide: SERVICE_CONFIG, useFactory: () => loadServiceConfig(options) },
      {
        provide: DATA_SOURCE,
        inject: [SERVICE_CONFIG],
        useFactory: async (config: ServiceConfig) => {
          const dataSource = createServiceDataSource({
            url: config.databaseUrl,
            schema: config.databaseSchema,
            migrations: [CreateMessagingTables1764300000000, AllowDiscardedDeadLetters1764300000010, ...(options.timers ? [CreateTimerTables1764300000050, TimerPersons1764300000060] : []), ...(options.personalData ? [CreatePersonKeys1764300000080] : []), CreateEventChains1764300000090, ...options.migrations],
          });
          await dataSource.initialize();
          const applied = await migrate(dataSource);
          if (applied.length > 0) new Logger('Database').log(`applied migrations to schema ${config.databaseSchema}: ${applied.join(', ')}`);
          return dataSource;
        },
      },
      { provide: AUDIT_SIGNER, inject: [SERVICE_CONFIG], useFactory: (config: ServiceConfig) => loadAuditSigner(config.service) },
      { provide: TOPIC_NAMES, inject: [SERVICE_CONFIG], useFactory: (config: ServiceConfig) => new TopicNames(config.topicPrefix) },
      {
        provide: KAFKA,
        inject: [SERVICE_CONFIG],
        useFactory: (config: ServiceConfig) =>
          createKafka({ brokers: config.kafkaBrokers, clientId: config.kafkaClientId, ...(config.kafkaSasl ? { sasl: config.kafkaSasl } : {}) }, new Logger('Kafka')),
      },
      { provide: TimerStore, inject: [SERVICE_CONFIG], useFactory: (config: ServiceConfig) => new TimerStore(config.databaseSchema, config.service) },
      ConsumerGroupStatus,
      Outbox,
      AccessLog,
      MessagingLifecycle,
      ApiDocumentHolder,
    ];
    if (options.personalData) {
      providers.push({
        provide: PersonDataCipher,
        inject: [DATA_SOURCE],
        useFactory: (dataSource: DataSource) => new PersonDataCipher(new PersonKeyStore({ dataSource, masterKeys: loadMasterKeys() })),
      });
    }
    return {
      module: ServiceModule,
      global: true,
      // Every route needs a bearer token unless marked @Public(); roles and region scope per route.
      imports: [AuthModule.forRoot({ service: options.service })],
      controllers: [HealthController, DeadLettersController, OpenApiController],
      providers,
      exports: [SERVICE_CONFIG, DATA_SOURCE, KAFKA, TOPIC_NAMES, Outbox, AccessLog, TimerStore, ...(options.personalData ? [PersonDataCipher] : [])],
    };
  }
}
