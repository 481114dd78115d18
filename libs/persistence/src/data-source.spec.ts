import { applicationName, instanceId, serviceDataSourceOptions, SESSION_SETTINGS, sessionOptions } from './data-source';

// docs/adr/0032: several instances of a service share a schema; each must be told apart in Postgres, and each
// session's settings must let Postgres end a dead instance's session (and free its locks) in seconds.
describe('service data source for one of several instances', () => {
  it('names an instance by VT_INSTANCE_ID, else by host and pid', () => {
    expect(instanceId({ VT_INSTANCE_ID: ' intake-7f9c ' })).toBe('intake-7f9c');
    expect(instanceId({})).toMatch(new RegExp(`:${process.pid}$`));
  });

  it('puts the instance at the end of the application_name and keeps it within 63 bytes', () => {
    expect(applicationName('intake', undefined, 'host-a:42')).toBe('intake@host-a:42');
    expect(applicationName('intake', 'outbox-listener', 'host-a:42')).toBe('intake-outbox-listener@host-a:42');
    const long = applicationName(`t_abcdefgh_${'safety_investigation'}`, 'outbox-listener', 'a-rather-long-kubernetes-pod-name-0123456789:31337');
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long.endsWith('@a-rather-long-kubernetes-pod-name-0123456789:31337')).toBe(true);
    expect(applicationName('intake', undefined, 'x'.repeat(80))).toHaveLength(63);
  });

  it('sets search_path and bounds how long Postgres keeps the session of a client that is gone', () => {
    expect(sessionOptions('intake')).toBe('-c search_path=intake -c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3 -c tcp_user_timeout=30000');
    // A dead host is noticed within idle + interval × count seconds.
    const detection = Number(SESSION_SETTINGS['tcp_keepalives_idle']) + Number(SESSION_SETTINGS['tcp_keepalives_interval']) * Number(SESSION_SETTINGS['tcp_keepalives_count']);
    expect(detection).toBeLessThanOrEqual(30);
    const extra = (serviceDataSourceOptions({ url: 'postgres://x@localhost/db', schema: 'intake' }) as { extra: Record<string, unknown> }).extra;
    expect(extra).toMatchObject({ options: sessionOptions('intake'), keepAlive: true });
    expect(String(extra['application_name'])).toMatch(/^intake@/);
  });
});
