/** The gateway's embeddable surface, for the engine and tools. */

export type { RetentionOptions, RoomConfig } from './config';
export { type DemoOptions, type DemoRoom, startDemoRoom } from './demo';
export { type Gateway, type GatewayOptions, startGateway } from './gateway';
export type { AckResult } from './ingest';
export {
  type Simulator,
  type SimulatorOptions,
  type SimulatorProduct,
  startSimulator,
} from './simulator/simulator';
