/** The gateway's embeddable surface, for the engine and tools. */
export { type Gateway, type GatewayOptions, startGateway } from './gateway';
export type { AckResult } from './ingest';
export type { RoomConfig, RetentionOptions } from './config';
export {
  type SimulatorOptions,
  type SimulatorProduct,
  type Simulator,
  startSimulator,
} from './simulator/simulator';
