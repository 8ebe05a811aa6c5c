import { describe, expect, it } from 'vitest';
import { ANY_ROLE, type ApiRole, commands, ROLES, routes } from '.';

/** A bridge token only pushes live events in (PROTOCOL.md D, roles): nothing else may admit it. */
describe('the bridge role', () => {
  const admits = (roles: readonly ApiRole[]) => roles.includes('bridge');

  it('is no seat role: ROLES and ANY_ROLE leave it out', () => {
    expect(admits(ROLES)).toBe(false);
    expect(admits(ANY_ROLE)).toBe(false);
  });

  it('may call POST /bridge/events and no other route or seat command', () => {
    const routesForBridge = Object.entries(routes)
      .filter(([, spec]) => admits(spec.roles))
      .map(([key]) => key);
    expect(routesForBridge).toEqual(['POST /bridge/events']);
    const commandsForBridge = Object.entries(commands).filter(([, spec]) => admits(spec.roles));
    expect(commandsForBridge).toEqual([]);
  });
});
