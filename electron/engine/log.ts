/** The engine's modules log through node-common/log (shared with the gateway and the tests). */
export { createLogger, type Logger, type LoggerOptions, silentLogger } from '../../node-common/log';
