/** Control API routes and seat commands about the engine itself. */
import type { CommandHandlers, StatusResponse } from '../../shared/contract';
import { ANY_ROLE, HOST_ONLY } from '../../shared/contract';
import type { Route } from './api/router';
import { buildLogBundle } from './support/log-bundle';

export interface SystemRouteOptions {
  status: () => StatusResponse;
  logDir: string;
  version: string;
  /** Token values scrubbed from the support bundle. */
  secrets: () => string[];
}

export function systemRoutes(options: SystemRouteOptions): Route[] {
  return [
    { method: 'GET', path: '/status', roles: ANY_ROLE, handle: () => ({ body: options.status() }) },
    {
      method: 'GET',
      path: '/support/logs',
      roles: HOST_ONLY,
      handle: () => {
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        const body = buildLogBundle(
          options.logDir,
          {
            version: options.version,
            platform: `${process.platform} ${process.arch}`,
            node: process.version,
            exported: new Date().toISOString(),
          },
          options.secrets(),
        );
        return {
          body,
          headers: {
            'content-type': 'application/gzip',
            'content-disposition': `attachment; filename="maishou-logs-${stamp}.log.gz"`,
          },
        };
      },
    },
  ];
}

export function systemHandlers(status: () => StatusResponse): Pick<CommandHandlers, 'status.get'> {
  return { 'status.get': () => status() };
}
