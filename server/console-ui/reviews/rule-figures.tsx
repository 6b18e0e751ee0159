// The rules that fired on a case, each with the figures a reviewer weighs (R16).
import type { RuleFiring } from '../../../shared/schema/rules';
import { RULE_LABELS } from '../app/labels';

function figures(f: RuleFiring): [string, string][] {
  switch (f.rule) {
    case 'daily-limit':
      return [
        ['次数 Count', `${f.count} / 上限 max ${f.max}`],
        ['日期 Day', `${f.date} (${f.timeZone})`],
      ];
    case 'working-hours':
      return [
        ['时间 Time', `${f.date} ${f.time} (${f.timeZone})`],
        ['日类型 Day', `${f.weekday} · ${f.dayKind}`],
        ['工作时间 Hours', f.hours ? `${f.hours.start}–${f.hours.end}` : '当天无 none that day'],
      ];
    case 'bulk-reveals':
      return [
        ['次数 Count', `${f.count} / 上限 max ${f.max}`],
        ['窗口 Window', `${f.seconds} 秒 s`],
      ];
  }
}

export function RuleFigures({ fired }: { fired: readonly RuleFiring[] }) {
  return (
    <ul class="fired">
      {fired.map((f, i) => (
        <li key={i} data-rule={f.rule}>
          <h3>{RULE_LABELS[f.rule]}</h3>
          <p>{f.message}</p>
          <dl class="facts">
            {figures(f).map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </li>
      ))}
    </ul>
  );
}
