/** OBS control: connection state machine, broadcast controller, health, settings. */

export { obsUrl, parseObsUrl } from './address';
export { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff';
export {
  type ConnectionSnapshot,
  ObsConnection,
  type ObsConnectionOptions,
  type ObsTarget,
  STUDIO_EVENT_SUBSCRIPTIONS,
} from './connection';
export { ObsController, type ObsControllerOptions } from './controller';
export { classifyConnectError, ObsError, obsReason } from './errors';
export { createObsHandlers, type ObsHandlers } from './handlers';
export { assessHealth, DEFAULT_THRESHOLDS, type HealthSample, type Thresholds } from './health';
export { type StreamDestination, splitPushUrl } from './push-url';
export { createAesGcmSecretBox, loadOrCreateKeyFile, type SecretBox } from './secret-box';
export { DEFAULT_OBS_SETTINGS, loadObsSettings, type ObsSettings, publicSettings, saveObsSettings } from './settings';
