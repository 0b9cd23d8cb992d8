package io.tdnet.lister;

/**
 * The {@code div.kaijiSum} banner of a list page: {@code {from}～{to}件 / 全{total}件}. The total is the
 * authority on how many rows the day has (deleted rows included); the pager is not.
 */
public record Banner(int from, int to, int total) {
    public Banner {
        if (from < 1 || to < from || total < to) {
            throw new IllegalArgumentException("inconsistent banner " + from + "～" + to + " / " + total);
        }
    }

    /** Rows this page says it holds. */
    public int rowCount() {
        return to - from + 1;
    }

    /** Pages the day has according to this banner: ⌈total / rowsPerPage⌉. */
    public int pageCount(int rowsPerPage) {
        return (total + rowsPerPage - 1) / rowsPerPage;
    }
}
