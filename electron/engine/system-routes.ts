/** Control API routes and seat commands about the engine itself (shared/contract/system.ts). */
import { type CommandHandlers, fileReply, type RouteHandlers, type StatusResponse } from '../../shared/contract';
import { buildLogBundle } from './support/log-bundle';

export interface SystemRouteOptions {
  logDir: string;
  version: string;
  /** Token values scrubbed from the support bundle. */
  secrets: () => string[];
}

/** `GET /support/logs`: the support bundle (`GET /status` runs the `status.get` command). */
export function systemRouteHandlers(options: SystemRouteOptions): Pick<RouteHandlers, 'GET /support/logs'> {
  return {
    'GET /support/logs': () => {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const bundle = buildLogBundle(
        options.logDir,
        {
          version: options.version,
          platform: `${process.platform} ${process.arch}`,
          node: process.version,
          exported: new Date().toISOString(),
        },
        options.secrets(),
      );
      return fileReply('application/gzip', bundle, `maishou-logs-${stamp}.log.gz`);
    },
  };
}

export function systemHandlers(status: () => StatusResponse): Pick<CommandHandlers, 'status.get'> {
  return { 'status.get': () => status() };
}
