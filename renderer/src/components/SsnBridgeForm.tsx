import { useId, useState } from 'react';
import { run } from '../engine/actions';
import { FieldRow } from './FieldRow';

/**
 * The Social Stream Ninja bridge form, in Settings and in the setup wizard: the SSN session ID and an
 * optional self-hosted relay, sent to `bridges.create`; a refusal is shown by `run` in words and adds nothing.
 */
export function SsnBridgeForm(props: {
  labels: { session: string; relay: string; add: string };
  onAdded: (bridgeId: string) => void;
  /** `<testId>-session` and `<testId>-relay` on the inputs */
  testId?: string;
  primary?: boolean;
}) {
  const id = useId();
  const [session, setSession] = useState('');
  const [url, setUrl] = useState('');
  const testId = (part: string) => (props.testId ? `${props.testId}-${part}` : undefined);
  const add = async () => {
    const created = await run('bridges.create', {
      kind: 'ssn',
      session: session.trim(),
      ...(url.trim() ? { url: url.trim() } : {}),
    });
    if (created) {
      setSession('');
      props.onAdded(created.id);
    }
  };
  return (
    <form
      className="gateway-form"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <FieldRow id={`${id}-session`} label={props.labels.session}>
        <input
          id={`${id}-session`}
          value={session}
          onChange={(e) => setSession(e.target.value)}
          autoComplete="off"
          required
          pattern="[A-Za-z0-9_\-]{1,100}"
          data-testid={testId('session')}
        />
      </FieldRow>
      <FieldRow id={`${id}-relay`} label={props.labels.relay}>
        <input
          id={`${id}-relay`}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="wss://io.socialstream.ninja"
          autoComplete="off"
          data-testid={testId('relay')}
        />
      </FieldRow>
      <button type="submit" className={props.primary ? 'primary' : undefined}>
        {props.labels.add}
      </button>
    </form>
  );
}
