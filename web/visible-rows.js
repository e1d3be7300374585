// The rows of a virtualised list that are on screen (plus `overscan` rows either side), kept
// here so that scrolling costs no Python: `onChange(first, last)` is called only when that
// range changes, not on every scroll event or resize.

export function watchVisibleRows(list, rowHeight, overscan, onChange) {
  let count = 0;
  let first = -1;
  let last = -1;
  const check = (always) => {
    const top = list.scrollTop;
    const height = list.clientHeight || 600;
    const from = Math.max(0, Math.floor(top / rowHeight) - overscan);
    const to = Math.min(count, Math.floor((top + height) / rowHeight) + overscan + 1);
    if (always || from !== first || to !== last) {
      first = from;
      last = to;
      onChange(first, last);
    }
  };
  list.addEventListener("scroll", () => check(false), { passive: true });
  addEventListener("resize", () => check(false));
  return {
    // A new list of `rows` rows: its range is given at once, even if it did not move.
    setCount(rows) {
      count = rows;
      check(true);
    },
  };
}
