// One classification for HTTP answers (503) and consumers (no dead letter): it lives with the consumer runner.
export { isDatabaseUnavailable } from '@vt/messaging';
