// Previous / next for offset paging (the chart pages 50 staff members at a time).

export interface PagerProps {
  offset: number;
  limit: number;
  total: number;
  /** The hash of the page at an offset. */
  hrefAt: (offset: number) => string;
  label: string;
}

export function Pager({ offset, limit, total, hrefAt, label }: PagerProps) {
  if (total <= limit) return null;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.ceil(total / limit);
  return (
    <nav class="pager" aria-label={label}>
      {offset > 0 ? (
        <a href={hrefAt(Math.max(0, offset - limit))} rel="prev">
          ← 上一页 Previous
        </a>
      ) : (
        <span class="quiet" aria-hidden="true">
          ← 上一页 Previous
        </span>
      )}
      <span>
        第 {page} / {pages} 页 Page {page} of {pages}
      </span>
      {offset + limit < total ? (
        <a href={hrefAt(offset + limit)} rel="next">
          下一页 Next →
        </a>
      ) : (
        <span class="quiet" aria-hidden="true">
          下一页 Next →
        </span>
      )}
    </nav>
  );
}
