/**
 * Tokens and the role each carries. Persisted in the data folder (0600) so OBS browser-source URLs and
 * paired seats keep working across restarts. The control token is the host's; the overlay token only
 * opens overlay pages; seat tokens are created by the host and can be revoked.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { z } from 'zod';
import type { ApiRole } from '../../shared/contract';
import { writeFileDurableSync } from './durable-file';

export type TokenRole = ApiRole | 'overlay';

export interface SeatToken {
  id: string;
  token: string;
  role: ApiRole;
  label: string;
  createdAt: number;
  revokedAt: number | null;
  /** Invited while LAN sharing was on: the token expires when sharing stops. */
  lan?: boolean;
}

const fileSchema = z.object({
  controlToken: z.string().min(20),
  overlayToken: z.string().min(20),
  seats: z.array(
    z.object({
      id: z.string(),
      token: z.string().min(20),
      role: z.enum(['host', 'assistant', 'viewer', 'prompter', 'bridge']),
      label: z.string(),
      createdAt: z.number(),
      revokedAt: z.number().nullable(),
      lan: z.boolean().optional(),
    }),
  ),
});

export interface TokenIdentity {
  role: TokenRole;
  seatId: string;
  label: string;
}

export const newToken = (): string => randomBytes(24).toString('base64url');
const digest = (token: string): string => createHash('sha256').update(token).digest('hex');

export class TokenStore {
  private data: z.infer<typeof fileSchema>;
  /** sha256(token) -> identity: lookups never compare raw secrets with early-exit string equality. */
  private index = new Map<string, TokenIdentity>();
  private readonly listeners = new Set<(seatId: string) => void>();
  /** Where a damaged tokens.json was moved at load (the engine logs it), else null. */
  setAside: string | null = null;

  constructor(private readonly file: string | null) {
    this.data = this.load();
    this.reindex();
  }

  private load(): z.infer<typeof fileSchema> {
    if (this.file && existsSync(this.file)) {
      let json: unknown = null;
      try {
        json = JSON.parse(readFileSync(this.file, 'utf8'));
      } catch {
        // unparsable: set aside below like any other damaged file
      }
      const parsed = fileSchema.safeParse(json);
      if (parsed.success) return parsed.data;
      // A damaged token file must not stop a show: start fresh (old overlay URLs then need re-copying).
      this.setAside = `${this.file}.damaged-${Date.now()}`;
      renameSync(this.file, this.setAside);
    }
    const fresh = { controlToken: newToken(), overlayToken: newToken(), seats: [] };
    this.data = fresh;
    this.save();
    return fresh;
  }

  private save(): void {
    if (!this.file) return;
    writeFileDurableSync(this.file, JSON.stringify(this.data, null, 2), 0o600);
  }

  private reindex(): void {
    this.index = new Map();
    this.index.set(digest(this.data.controlToken), { role: 'host', seatId: 'host', label: 'host' });
    this.index.set(digest(this.data.overlayToken), { role: 'overlay', seatId: 'overlay', label: 'overlay' });
    for (const seat of this.data.seats) {
      if (seat.revokedAt === null)
        this.index.set(digest(seat.token), { role: seat.role, seatId: seat.id, label: seat.label });
    }
  }

  get controlToken(): string {
    return this.data.controlToken;
  }

  get overlayToken(): string {
    return this.data.overlayToken;
  }

  /** Every token value this store holds (revoked seats too): scrubbed from the support bundle. */
  secretValues(): string[] {
    return [this.data.controlToken, this.data.overlayToken, ...this.data.seats.map((s) => s.token)];
  }

  /** Who a token is, or null for an unknown or revoked token. */
  identify(token: unknown): TokenIdentity | null {
    // handshakes carry whatever a client sends: a non-string token threw inside hash.update
    if (typeof token !== 'string' || !token || token.length > 200) return null;
    return this.index.get(digest(token)) ?? null;
  }

  createSeat(role: ApiRole, label: string, options: { lan?: boolean } = {}): SeatToken {
    const seat: SeatToken = {
      id: `seat_${randomBytes(6).toString('hex')}`,
      token: newToken(),
      role,
      label,
      createdAt: Date.now(),
      revokedAt: null,
      ...(options.lan ? { lan: true } : {}),
    };
    this.data.seats.push(seat);
    this.save();
    this.reindex();
    return seat;
  }

  listSeats(): Omit<SeatToken, 'token'>[] {
    return this.data.seats.map(({ token: _token, ...rest }) => rest);
  }

  revokeSeat(id: string): boolean {
    const seat = this.data.seats.find((s) => s.id === id && s.revokedAt === null);
    if (!seat) return false;
    seat.revokedAt = Date.now();
    this.save();
    this.reindex();
    for (const listener of this.listeners) listener(id);
    return true;
  }

  /** Revokes every seat invited over LAN sharing (sharing stopped); returns their ids. */
  revokeLanSeats(): string[] {
    const ids = this.data.seats.filter((s) => s.lan && s.revokedAt === null).map((s) => s.id);
    for (const id of ids) this.revokeSeat(id);
    return ids;
  }

  /** Called with the seat id when a seat is revoked, so live sockets can be dropped at once. */
  onRevoke(listener: (seatId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
