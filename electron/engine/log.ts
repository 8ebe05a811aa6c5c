/** The engine's modules log through node-common/log (shared with the gateway and the tests). */
export {
  createFileLogger,
  createLogger,
  type LogFileHealth,
  type Logger,
  type LoggerOptions,
  RotatingFile,
  silentLogger,
} from '../../node-common/log';
