import { describe, expect, it } from 'vitest';
import { classifyConnectError, TERMINAL_REASONS } from './errors';

describe('classifyConnectError', () => {
  it('names what a person can act on', () => {
    expect(classifyConnectError({ code: -1, message: 'connect ECONNREFUSED 127.0.0.1:4455' }).code).toBe(
      'obs_unreachable',
    );
    expect(classifyConnectError({ code: 4009, message: 'Authentication failed.' }).code).toBe('auth_failed');
    expect(classifyConnectError({ code: -1, message: 'Server sent no subprotocol' }).code).toBe('unsupported_version');
    expect(classifyConnectError({ code: 4010, message: 'rpc' }).code).toBe('unsupported_version');
    expect(classifyConnectError({ code: 1006, message: '' }).code).toBe('obs_unreachable');
    expect(classifyConnectError(new Error('weird')).code).toBe('unknown');
  });

  it('says where the WebSocket server is turned on', () => {
    expect(classifyConnectError({ message: 'connect ECONNREFUSED' }).message).toContain(
      'Tools -> WebSocket Server Settings',
    );
  });

  it('only reasons a retry cannot fix are terminal', () => {
    expect(TERMINAL_REASONS.has('auth_failed')).toBe(true);
    expect(TERMINAL_REASONS.has('unsupported_version')).toBe(true);
    expect(TERMINAL_REASONS.has('obs_unreachable')).toBe(false);
    expect(TERMINAL_REASONS.has('connection_lost')).toBe(false);
  });
});
