/**
 * The soak's webhook driver: posts signed batches to the gateway and keeps the books of what the gateway
 * acknowledged. A batch is acknowledged only by a 200 (then it is durable); anything else, or a dropped
 * connection, is retried with the same event ids until it is, exactly as a platform's webhook retries.
 */
import { randomBytes } from 'node:crypto';
import { signStandardWebhook } from '../../gateway/signature/standard-webhooks';
import type { InboundEvent } from '../../shared/events';

export interface Ack {
  accepted: number;
  duplicates: number;
  firstSeq: number | null;
  lastSeq: number | null;
}

export interface DriverStats {
  batches: number;
  posts: number;
  retries: number;
  /** status -> count of non-200 replies (429 while rate limited, 5xx, ...) */
  refusals: Record<string, number>;
  networkErrors: number;
  duplicateResends: number;
  duplicateEventsAcked: number;
  outOfOrderBatches: number;
  /** 400 replies: the driver only sends valid events, so any is a bug */
  badRequests: string[];
  head: number;
}

export class WebhookDriver {
  /** Every event id of an acknowledged batch -> the event (durable at the gateway). */
  readonly acknowledged = new Map<string, InboundEvent>();
  /** Every event id ever sent. */
  readonly sent = new Map<string, InboundEvent>();
  readonly ackedBatches: InboundEvent[][] = [];
  readonly stats: DriverStats = {
    batches: 0,
    posts: 0,
    retries: 0,
    refusals: {},
    networkErrors: 0,
    duplicateResends: 0,
    duplicateEventsAcked: 0,
    outOfOrderBatches: 0,
    badRequests: [],
    head: 0,
  };
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly room: string,
    private readonly secret: string,
  ) {}

  stop(): void {
    this.stopped = true;
  }

  private async postOnce(raw: string, webhookId: string): Promise<{ status: number; body: unknown } | null> {
    const timestamp = Math.floor(Date.now() / 1000);
    this.stats.posts++;
    try {
      const res = await fetch(`${this.url}/v1/rooms/${this.room}/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': webhookId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signStandardWebhook(this.secret, webhookId, timestamp, raw),
        },
        body: raw,
        signal: AbortSignal.timeout(10_000),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: res.status, body };
    } catch {
      this.stats.networkErrors++;
      return null;
    }
  }

  /** Sends one batch until the gateway acknowledges it; resolves with the ack. */
  async send(batch: InboundEvent[], kind: 'new' | 'resend' = 'new'): Promise<Ack> {
    if (kind === 'new') this.stats.batches++;
    for (const e of batch) this.sent.set(e.id, e);
    const raw = JSON.stringify(batch);
    const webhookId = `msg_${randomBytes(8).toString('hex')}`;
    let attempt = 0;
    for (;;) {
      if (attempt > 0) this.stats.retries++;
      const reply = await this.postOnce(raw, webhookId);
      if (reply?.status === 200) {
        const ack = reply.body as Ack;
        for (const e of batch) this.acknowledged.set(e.id, e);
        this.ackedBatches.push(batch);
        if (ack.lastSeq !== null) this.stats.head = Math.max(this.stats.head, ack.lastSeq);
        if (kind === 'resend') this.stats.duplicateEventsAcked += ack.duplicates;
        return ack;
      }
      if (reply) {
        this.stats.refusals[reply.status] = (this.stats.refusals[reply.status] ?? 0) + 1;
        if (reply.status === 400) {
          this.stats.badRequests.push(JSON.stringify(reply.body).slice(0, 300));
          throw new Error(`gateway refused a valid batch: ${JSON.stringify(reply.body)}`);
        }
      }
      if (this.stopped && attempt > 200) throw new Error('driver stopped with a batch unacknowledged');
      attempt++;
      await new Promise((r) => setTimeout(r, Math.min(2_000, 100 * attempt)));
    }
  }

  /** Re-sends an acknowledged batch with the same event ids (a platform's redelivery). */
  async resendEarlier(pick: () => number): Promise<Ack | null> {
    if (this.ackedBatches.length === 0) return null;
    const batch = this.ackedBatches[Math.floor(pick() * this.ackedBatches.length)];
    this.stats.duplicateResends++;
    const ack = await this.send(batch, 'resend');
    if (ack.accepted !== 0) throw new Error(`a redelivered batch was accepted again: ${JSON.stringify(ack)}`);
    return ack;
  }
}
