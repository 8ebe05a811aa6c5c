/** A labelled field on one row of a settings form (the label names the control by `id`). */
import type { ReactNode } from 'react';

export function FieldRow(props: { id: string; label: ReactNode; children: ReactNode }) {
  return (
    <div className="field-row">
      <label htmlFor={props.id} className="field-row__label">
        {props.label}
      </label>
      {props.children}
    </div>
  );
}
