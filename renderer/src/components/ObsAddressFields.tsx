import { useT } from '../i18n';

interface Field {
  value: string;
  set: (value: string) => void;
}

/** OBS's WebSocket address and password, in Settings and in setup step 1 (the form and its button are theirs). */
export function ObsAddressFields(props: {
  host: Field;
  port: Field;
  password: Field;
  /** shown in the empty password field, e.g. "keep the saved one" */
  passwordPlaceholder?: string;
  /** `<testId>-port` and `<testId>-password` on the inputs */
  testId?: string;
}) {
  const t = useT();
  const testId = (part: string) => (props.testId ? `${props.testId}-${part}` : undefined);
  return (
    <>
      <label>
        {t('obs.host')} <input value={props.host.value} onChange={(e) => props.host.set(e.target.value)} size={16} />
      </label>
      <label>
        {t('obs.port')}{' '}
        <input
          value={props.port.value}
          inputMode="numeric"
          onChange={(e) => props.port.set(e.target.value)}
          size={6}
          data-testid={testId('port')}
        />
      </label>
      <label>
        {t('obs.password')}{' '}
        <input
          type="password"
          autoComplete="off"
          value={props.password.value}
          placeholder={props.passwordPlaceholder ?? ''}
          onChange={(e) => props.password.set(e.target.value)}
          data-testid={testId('password')}
        />
      </label>
    </>
  );
}
