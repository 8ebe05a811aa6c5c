/** OBS control: connection state machine, broadcast controller, health, settings. */
export { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
export { ObsConnection, STUDIO_EVENT_SUBSCRIPTIONS, type ConnectionSnapshot, type ObsConnectionOptions, type ObsTarget } from './connection';
export { ObsController, obsUrl, type ObsControllerOptions } from './controller';
export { classifyConnectError, ObsError, obsReason } from './errors';
export { createObsHandlers, type ObsHandlers } from './handlers';
export { assessHealth, DEFAULT_THRESHOLDS, type HealthSample, type Thresholds } from './health';
export { splitPushUrl, type StreamDestination } from './push-url';
export { defaultOverlaySources, OVERLAY_NAMES, overlayInputName, type OverlaySourceSpec, setupStudioScene } from './scene-setup';
export { createAesGcmSecretBox, loadOrCreateKeyFile, type SecretBox } from './secret-box';
export { DEFAULT_OBS_SETTINGS, loadObsSettings, type ObsSettings, publicSettings, saveObsSettings } from './settings';
