/** Control API routes and seat commands about the engine itself. */
import type { CommandHandlers, StatusResponse } from '../../shared/contract';
import { ANY_ROLE } from '../../shared/contract';
import type { Route } from './api/router';

export function systemRoutes(status: () => StatusResponse): Route[] {
  return [{ method: 'GET', path: '/status', roles: ANY_ROLE, handle: () => ({ body: status() }) }];
}

export function systemHandlers(status: () => StatusResponse): Pick<CommandHandlers, 'status.get'> {
  return { 'status.get': () => status() };
}
