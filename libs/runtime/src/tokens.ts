export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const KAFKA = Symbol('KAFKA');
export const TOPIC_NAMES = Symbol('TOPIC_NAMES');
