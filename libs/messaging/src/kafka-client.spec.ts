import { logLevel } from 'kafkajs';
import { kafkaLogLevel } from './kafka-client';

describe('kafkajs log levels (rule: normal start-up noise is not logged as WARN/ERROR)', () => {
  it.each([
    [logLevel.ERROR, '[Connection] Response GroupCoordinator(key: 10, version: 2)', 'The coordinator is loading and hence can\'t process requests'],
    [logLevel.ERROR, '[Connection] Response FindCoordinator', 'The group coordinator is not available'],
    [logLevel.ERROR, '[Connection] Response AddPartitionsToTxn', 'CONCURRENT_TRANSACTIONS'],
    [logLevel.WARN, 'Response Metadata(key: 3, version: 6)', 'There is no leader for this topic-partition as we are in the middle of a leadership election'],
    [logLevel.ERROR, 'Response Metadata(key: 3, version: 6)', 'LEADER_NOT_AVAILABLE'],
    [logLevel.ERROR, 'Response Produce', 'This server does not host this topic-partition'],
    // One connection attempt to a busy broker that kafkajs retries (seen at a CI start on 2 loaded cores).
    [logLevel.ERROR, 'Connection timeout', undefined],
    [logLevel.ERROR, 'Failed to connect to seed broker, trying another broker from the list: Connection timeout', undefined],
  ])('demotes a transient message to info (%s: %s)', (level, message, error) => {
    expect(kafkaLogLevel(level, message, error)).toBe('info');
  });

  it('keeps the project’s expected producer warning at debug', () => {
    expect(kafkaLogLevel(logLevel.WARN, 'Limiting retries for the idempotent producer to Number.MAX_SAFE_INTEGER')).toBe('debug');
  });

  it('keeps everything else at its own level', () => {
    expect(kafkaLogLevel(logLevel.ERROR, 'Crash: KafkaJSSASLAuthenticationError: Not connected')).toBe('error');
    expect(kafkaLogLevel(logLevel.WARN, 'Heartbeat failed')).toBe('warn');
    expect(kafkaLogLevel(logLevel.INFO, 'Consumer has joined the group')).toBe('debug');
    expect(kafkaLogLevel(logLevel.DEBUG, 'Request Fetch')).toBe('debug');
  });
});
