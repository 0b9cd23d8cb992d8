package io.tdnet.faketdnet;

import io.tdnet.model.DisclosureId;
import java.time.LocalTime;

/**
 * The ground truth of one list row, with the padding stripped: what a correct parser must read from it.
 *
 * @param id            the document id for NORMAL and RETITLED rows; for a DELETED row the id it had before
 *                      {@link FakeDay#withdraw} (null for rows generated deleted); null for REJECTED rows
 * @param time          {@code kjTime}, JST
 * @param code          {@code kjCode}, 5 characters
 * @param name          {@code kjName} without its padding
 * @param title         the (current) title, unescaped ({@code &} not {@code &amp;})
 * @param previousTitle the struck-through title of a RETITLED row, else null
 * @param exchanges     {@code kjPlace} without its padding, e.g. {@code 東名}
 * @param xbrl          the XBRL href ({@code 0812…zip}), or null
 * @param history       {@code kjHistroy} stripped: empty, or {@code YYYY/MM/DD HH:MM 表題変更|削除}
 * @param kind          how the row must be classified
 * @param href          the title link's raw href as served; null for DELETED rows
 */
public record FakeRow(DisclosureId id, LocalTime time, String code, String name, String title,
                      String previousTitle, String exchanges, String xbrl, String history, RowKind kind,
                      String href) {

    /** True when the row carries a valid document link (NORMAL or RETITLED): it must end up stored. */
    public boolean hasValidLink() {
        return kind == RowKind.NORMAL || kind == RowKind.RETITLED;
    }

    FakeRow withdrawn(String withdrawalHistory) {
        return new FakeRow(id, time, code, name, title, null, exchanges, xbrl, withdrawalHistory,
                RowKind.DELETED, null);
    }
}
