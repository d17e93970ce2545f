/** The jobs service configuration: one schema, four sources, every problem named by source and key. */
export { ConfigError, formatConfigIssue, type ConfigIssue } from './config-error.js';
export { configKeys, serviceConfigFlagNames, CONFIG_FILE_ENV, DEFAULT_CONFIG_FILE, type ConfigKey } from './config-keys.js';
export { serviceConfigSchema, defaultPublicUrl, logLevels, serviceModes, PRODUCTION_NEEDS_KEY, type ServiceConfig } from './config-schema.js';
export { splitServiceConfigArgs, serviceConfigFlagOptions } from './flag-layer.js';
export { loadServiceConfig, type ServiceConfigInput } from './load-service-config.js';
export { redactServiceConfig } from './redact-service-config.js';
