/** A table whose headers sort it (click or Enter/Space on the header button; aria-sort tells screen readers). */
import { useMemo, useState } from 'react';

export interface Column<T> {
  key: string;
  label: string;
  /** sort value; omit for an unsortable column */
  sort?: (row: T) => number | string | null;
  render: (row: T) => React.ReactNode;
  numeric?: boolean;
}

export function SortableTable<T>(props: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  initialSort?: { key: string; desc: boolean };
  footer?: React.ReactNode;
  testId?: string;
  sortLabel: (col: string) => string;
}) {
  const [sort, setSort] = useState(props.initialSort ?? null);
  const sorted = useMemo(() => {
    const col = props.columns.find((c) => c.key === sort?.key);
    if (!col?.sort || !sort) return props.rows;
    const get = col.sort;
    return [...props.rows].sort((a, b) => {
      const x = get(a);
      const y = get(b);
      if (x === y) return 0;
      if (x === null) return 1;
      if (y === null) return -1;
      const c = x < y ? -1 : 1;
      return sort.desc ? -c : c;
    });
  }, [props.rows, props.columns, sort]);
  return (
    <div className="recap-table-wrap">
      <table className="recap-table" data-testid={props.testId}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                className={c.numeric ? 'num' : undefined}
                aria-sort={sort?.key === c.key ? (sort.desc ? 'descending' : 'ascending') : undefined}
              >
                {c.sort ? (
                  <button
                    type="button"
                    className="th-sort"
                    title={props.sortLabel(c.label)}
                    onClick={() =>
                      setSort((s) => ({ key: c.key, desc: s?.key === c.key ? !s.desc : c.numeric === true }))
                    }
                  >
                    {c.label}
                    <span aria-hidden="true">{sort?.key === c.key ? (sort.desc ? ' ▼' : ' ▲') : ''}</span>
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={props.rowKey(row)}>
              {props.columns.map((c) => (
                <td key={c.key} className={c.numeric ? 'num' : undefined}>
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {props.footer && <tfoot>{props.footer}</tfoot>}
      </table>
    </div>
  );
}
