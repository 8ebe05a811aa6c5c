/**
 * Validation of inbound events (PROTOCOL.md B), shared by the gateway's ingestion and the engine's
 * local bridge endpoint so both refuse exactly the same input with exactly the same error and path.
 */
import { fromZodError, StudioError } from '../errors';
import { type InboundEvent, inboundBatchSchema } from '../events';

/** Parses a body as JSON; 400 `invalid_json` when it is not. */
export function parseJsonBody(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new StudioError('invalid_json', 'The body is not valid JSON', { status: 400 });
  }
}

/** Validates any JSON value as a batch of 1..500 inbound events; throws 400 `invalid_event` with the path of the first fault. */
export function validateInboundBatch(input: unknown): InboundEvent[] {
  const parsed = inboundBatchSchema.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error, 'invalid_event');
  return parsed.data as InboundEvent[];
}
