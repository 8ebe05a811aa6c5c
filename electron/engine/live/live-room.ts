/**
 * The live room and its record: which gateway (the command line's, the one saved in Settings, else the
 * demo room with the sample catalogue so a new user sees a show at once; or none at all, bridges only,
 * where the host imports their own catalogue), the ledger that records the
 * show, the chat intel, and the live service that applies the room's events to both.
 */
import { join } from 'node:path';
import { type GatewayConfig, gatewayConfigSchema, liveRoomName } from '../../../shared/contract';
import type { EngineCore } from '../engine-core';
import type { FeedHub } from '../feed/feed-hub';
import { readJsonFile } from '../json-file';
import { loadDemoCatalogue } from '../ledger/demo';
import { type Ledger, openLedgerOrRefuse } from '../ledger/ledger';
import { DEFAULT_RESUME_WINDOW_MS, type EngineOptions } from '../options';
import type { StorageMonitor } from '../storage-monitor';
import { ChatIntel } from './chat-intel';
import { CommentClassifier } from './comment-classifier';
import { LiveService } from './live-service';

export interface LiveRoom {
  /** The gateway this start connects to. */
  gatewayConfig: GatewayConfig;
  ledger: Ledger;
  intel: ChatIntel;
  live: LiveService;
  /** Connects the live link (after the engine listens); not while the ledger refuses writes. */
  start(): Promise<void>;
}

export async function openLiveRoom(
  core: Pick<EngineCore, 'dataDir' | 'state' | 'logger'>,
  options: Pick<EngineOptions, 'gateway' | 'demoSpeed' | 'resumeWindowMs'>,
  deps: { feed: FeedHub; storage: Pick<StorageMonitor, 'ledgerWriteOk' | 'ledgerWriteFailed'> },
): Promise<LiveRoom> {
  const { dataDir, state, logger } = core;
  const saved = readJsonFile(join(dataDir, 'gateway.json'), gatewayConfigSchema.nullable(), null, logger);
  const gatewayConfig = chooseGateway(options, saved);
  const { room } = liveRoomName(gatewayConfig);
  // Classified once per comment: the ledger flags questions, the radar reuses the same result.
  const classifier = new CommentClassifier();
  const ledger = openLedgerOrRefuse({
    dataDir,
    logger: logger.child({ module: 'ledger' }),
    room,
    resumeWindowMs: options.resumeWindowMs ?? DEFAULT_RESUME_WINDOW_MS,
    classifyQuestion: (text) => classifier.classify(text).question,
  });
  if (ledger.report.recovered) state.set('ledgerNotice', ledger.report.recovered.message);
  if (ledger.refusal)
    state.set('ledgerProblem', {
      code: ledger.refusal.code === 'ledger_damaged' ? 'ledger_damaged' : 'ledger_unavailable',
      message: ledger.refusal.message,
    });
  else if (gatewayConfig.kind === 'demo') await loadDemoCatalogue(ledger);
  const intel = new ChatIntel({
    classifier,
    publish: (radar) => state.set('radar', radar),
    onAnswered: (mark) => ledger.recordAnswer(mark),
  });
  const quietMs = Number(process.env.STUDIO_SOURCE_QUIET_MS);
  const { storage } = deps;
  const live = new LiveService({
    dataDir,
    state,
    logger,
    ledger,
    feed: deps.feed,
    intel,
    room,
    ...(quietMs > 0 ? { quietMs } : {}),
    onLedgerWrite: (error) => (error === null ? storage.ledgerWriteOk() : storage.ledgerWriteFailed(error)),
  });
  return {
    gatewayConfig,
    ledger,
    intel,
    live,
    async start() {
      // Nothing can be recorded: events stay at the gateway (acknowledged there, never lost) until the
      // host deals with the file and restarts.
      if (ledger.refusal) logger.error('the live link is not started: the ledger refuses writes');
      else await live.connect(gatewayConfig);
    },
  };
}

/**
 * The live room of this start: a gateway or bridges-only named on the command line wins; else the one
 * saved in Settings; else the demo room at the command line's speed.
 */
export function chooseGateway(
  options: Pick<EngineOptions, 'gateway' | 'demoSpeed'>,
  saved: GatewayConfig | null,
): GatewayConfig {
  const asked = options.gateway;
  if (asked.kind === 'remote') return { kind: 'remote', url: asked.url, room: asked.room, token: asked.token };
  if (asked.kind === 'local') return { kind: 'local' };
  return saved ?? { kind: 'demo', speed: options.demoSpeed };
}
