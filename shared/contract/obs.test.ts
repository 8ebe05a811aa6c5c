import { describe, expect, it } from 'vitest';
import { obsCommands, obsStatusOf } from './obs';

describe('obs seat contract', () => {
  it('an assistant can switch scenes, preview, transition, take thumbnails, mute; never stop the stream', () => {
    const allowed = (role: 'host' | 'assistant' | 'viewer') =>
      Object.entries(obsCommands)
        .filter(([, spec]) => spec.roles.includes(role))
        .map(([name]) => name)
        .sort();
    expect(allowed('assistant')).toEqual([
      'obs.setMicMuted',
      'obs.setPreviewScene',
      'obs.setScene',
      'obs.setStudioMode',
      'obs.thumbnail',
      'obs.transition',
    ]);
    expect(allowed('viewer')).toEqual([]);
    expect(allowed('host')).toHaveLength(Object.keys(obsCommands).length);
  });

  it('stop commands take an optional confirm flag (refused by the engine when missing), nothing else', () => {
    expect(obsCommands['obs.stopStream'].args.safeParse({}).success).toBe(true);
    expect(obsCommands['obs.stopStream'].args.safeParse({ confirm: true }).success).toBe(true);
    expect(obsCommands['obs.stopStream'].args.safeParse({ confirm: 'yes' }).success).toBe(false);
    expect(obsCommands['obs.setScene'].args.safeParse({ scene: '' }).success).toBe(false);
    expect(obsCommands['obs.connect'].args.safeParse({ port: 70000 }).success).toBe(false);
  });

  it('maps the slice to the obs part of GET /status', () => {
    const status = obsStatusOf({
      status: 'identified',
      programScene: '开场',
      streaming: { active: true },
      recording: { active: false },
    } as never);
    expect(status).toEqual({ connected: true, streaming: true, recording: false, scene: '开场' });
  });
});
