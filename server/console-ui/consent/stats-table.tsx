// Consent decisions of one site, per policy version: per purpose and month, grants, refusals and
// withdrawals as numbers with a bar each (one scale per version, so months and purposes compare).
import type { ConsentStatRow } from '../api';

interface VersionGroup {
  version: number;
  rows: ConsentStatRow[];
  max: number;
}

/** Rows grouped by policy version (newest first), each sorted by purpose, then month. */
export function groupStats(rows: readonly ConsentStatRow[]): VersionGroup[] {
  const groups = new Map<number, VersionGroup>();
  for (const row of rows) {
    let g = groups.get(row.version);
    if (!g) {
      g = { version: row.version, rows: [], max: 0 };
      groups.set(row.version, g);
    }
    g.rows.push(row);
    g.max = Math.max(g.max, row.granted, row.refused, row.withdrawn);
  }
  const list = [...groups.values()].sort((a, b) => b.version - a.version);
  for (const g of list) {
    g.rows.sort((a, b) => a.purpose.localeCompare(b.purpose) || a.month.localeCompare(b.month));
  }
  return list;
}

/** Consecutive rows of the same purpose (the rows come sorted by purpose). */
function byPurpose(rows: readonly ConsentStatRow[]): ConsentStatRow[][] {
  const out: ConsentStatRow[][] = [];
  for (const row of rows) {
    const last = out.at(-1);
    if (last && last[0]!.purpose === row.purpose) last.push(row);
    else out.push([row]);
  }
  return out;
}

/** A purpose's name in both languages, as the policy version wrote it, else its id. */
const purposeName = (row: ConsentStatRow): string =>
  row.title ? `${row.title['zh-CN']} ${row.title.en}` : row.purpose;

function Bar({ value, max, kind }: { value: number; max: number; kind: string }) {
  const width = max > 0 ? (value / max) * 100 : 0;
  return (
    <span class="bar-cell">
      <span class="num">{value}</span>
      <svg class="mini-bar" width="100%" height="10" aria-hidden="true">
        <rect class={`stat-${kind}`} x="0" y="1" height="8" width={`${width.toFixed(2)}%`} />
      </svg>
    </span>
  );
}

export function StatsTables({ site, rows }: { site: string; rows: readonly ConsentStatRow[] }) {
  const groups = groupStats(rows);
  if (groups.length === 0) {
    return <p class="quiet">此范围内没有同意记录 No consent decisions in this range.</p>;
  }
  return (
    <>
      {groups.map((g) => (
        <div key={g.version} class="table-wrap">
          <h3>
            {site} · 策略版本 Policy version {g.version}
          </h3>
          <table class="stats">
            <thead>
              <tr>
                <th scope="col">目的 Purpose</th>
                <th scope="col">月份 Month</th>
                <th scope="col">同意 Granted</th>
                <th scope="col">拒绝 Refused</th>
                <th scope="col">撤回 Withdrawn</th>
              </tr>
            </thead>
            {byPurpose(g.rows).map((rows) => (
              <tbody key={rows[0]!.purpose}>
                {rows.map((r, i) => (
                  <tr key={r.month}>
                    {i === 0 && (
                      <th scope="rowgroup" rowSpan={rows.length}>
                        {purposeName(r)}
                      </th>
                    )}
                    <td class="nowrap">{r.month}</td>
                    <td>
                      <Bar value={r.granted} max={g.max} kind="granted" />
                    </td>
                    <td>
                      <Bar value={r.refused} max={g.max} kind="refused" />
                    </td>
                    <td>
                      <Bar value={r.withdrawn} max={g.max} kind="withdrawn" />
                    </td>
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
      ))}
    </>
  );
}
