/** Small pieces the console's tables share: the row actions' column head and a row's action button. */
import type { ReactNode } from 'react';

/** The head of a row-actions column: named for screen readers, empty on screen. */
export function ActionsHeader(props: { label: string }) {
  return (
    <th scope="col">
      <span className="visually-hidden">{props.label}</span>
    </th>
  );
}

/** A small button acting on one row; `label` names the row for screen readers ("Remove seat 小王"). */
export function RowButton(props: { label: string; onClick: () => void; children: ReactNode }) {
  return (
    <button type="button" className="mini" onClick={props.onClick} aria-label={props.label}>
      {props.children}
    </button>
  );
}
