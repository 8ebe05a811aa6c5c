/**
 * One radio button a choice, each in its label (the arrow keys move between them, the focus ring shows
 * where): the live room of the setup's step 4 and of Settings. `testId` names each input `${testId}-${choice}`.
 */
export function RadioChoices<C extends string>(props: {
  name: string;
  choices: readonly C[];
  value: C;
  onChange: (choice: C) => void;
  label: (choice: C) => string;
  testId: string;
}) {
  const { name, choices, value, onChange, label, testId } = props;
  return (
    <>
      {choices.map((c) => (
        <label key={c} className="checkbox">
          <input
            type="radio"
            name={name}
            checked={value === c}
            onChange={() => onChange(c)}
            data-testid={`${testId}-${c}`}
          />
          {label(c)}
        </label>
      ))}
    </>
  );
}
