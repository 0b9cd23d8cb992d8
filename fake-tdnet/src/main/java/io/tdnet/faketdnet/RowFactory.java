package io.tdnet.faketdnet;

import io.tdnet.model.DisclosureId;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Invents realistic rows for one day, deterministically: everything comes from one {@link Random}
 * seeded with the day's seed, consumed in a fixed order.
 */
final class RowFactory {
    private static final DateTimeFormatter ID_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter HISTORY = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm");
    private static final String[] NAME_HEADS = {"アイ", "カワ", "サン", "ナカ", "ミツ", "ヤマ", "ホク", "トー", "ニチ", "フジ",
            "タカ", "シン", "オオ", "マル", "ダイ", "キタ", "ミナミ", "ヒガシ", "セン", "コー"};
    private static final String[] NAME_TAILS = {"テック", "ワ", "トウ", "デン", "ヨー", "エイ", "コウ", "ライ", "メイ", "ソー"};
    private static final String[] NAME_SUFFIXES = {"ＨＤ", "ホールディングス", "工業", "製作所", "電機", "商事", "建設", "化学",
            "銀行", "フーズ", "システム", "薬品", "不動産", "", "", ""};
    private static final String[] LETTER_NAMES = {"ＴＢＳＨＤ", "ＫＤＤＩ", "Ｇ－ＭＥＥＣ", "ＪＸ金属", "ＮＥＣ", "ＩＨＩ",
            "ＳＢＩ", "ＴＯＴＯ", "ＡＮＡＨＤ", "ＪＴ", "Ｓ＆Ｂ食品", "ＭＳ＆ＡＤ"};
    private static final String[] EXCHANGES = {"東", "東", "東", "東", "東", "東", "東", "東名", "東名", "東名札福", "東札",
            "東福", "名", "札", "福", "PH"};
    private static final String[] PLAIN_TITLES = {
            "業績予想の修正に関するお知らせ",
            "通期業績予想及び配当予想の修正（増配）に関するお知らせ",
            "剰余金の配当（増配）に関するお知らせ",
            "自己株式の取得状況に関するお知らせ",
            "自己株式立会外買付取引（ＴｏＳＴＮｅＴ－３）による自己株式の取得結果に関するお知らせ",
            "代表取締役の異動に関するお知らせ",
            "M&Aによる株式取得（子会社化）に関するお知らせ",
            "R&D拠点の新設に関するお知らせ",
            "株主優待制度の変更に関するお知らせ",
            "固定資産の譲渡及び特別利益の計上に関するお知らせ",
            "譲渡制限付株式報酬としての自己株式の処分に関するお知らせ",
            "営業外費用（為替差損）の計上に関するお知らせ",
            "Notice Regarding Revision of Earnings Forecasts",
            "Summary of Consolidated Financial Results (IFRS) Q&A",
            "資本コストや株価を意識した経営の実現に向けた対応について",
            "投資口の追加発行及び投資口売出しに関するお知らせ",
    };

    private final LocalDate date;
    private final long seed;
    private final Random random;
    private final DocumentStore store;
    private final Map<String, Company> companiesByCode = new HashMap<>();
    private final List<Company> companies = new ArrayList<>();
    private int serial;

    record Company(String code, String name, String exchanges) {}

    RowFactory(LocalDate date, long seed, DocumentStore store) {
        this.date = date;
        this.seed = seed;
        this.random = new Random(seed ^ date.toEpochDay() * 0x5DEECE66DL);
        this.store = store;
        this.serial = random.nextInt(1_000_000);
    }

    /** A whole day of {@code n} rows, newest first then by code; about n/150 retitled and n/150 deleted. */
    List<FakeRow> day(int n) {
        ensureCompanies(Math.max(12, n * 2 / 3));
        record Slot(LocalTime time, Company company) {}
        List<Slot> slots = new ArrayList<>(n);
        for (int i = 0; i < n; i++) slots.add(new Slot(dayTime(), companies.get(random.nextInt(companies.size()))));
        slots.sort(Comparator.comparing(Slot::time).reversed().thenComparing(s -> s.company().code()));
        Set<Integer> deleted = pick(n, n / 150, Set.of());
        Set<Integer> retitled = pick(n, n / 150, deleted);
        List<FakeRow> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Slot s = slots.get(i);
            RowKind kind = deleted.contains(i) ? RowKind.DELETED : retitled.contains(i) ? RowKind.RETITLED : RowKind.NORMAL;
            rows.add(row(s.time(), s.company(), kind));
        }
        return rows;
    }

    /** {@code n} new ordinary rows, all at {@code time}, sorted by code. */
    List<FakeRow> newest(int n, LocalTime time) {
        ensureCompanies(12);
        List<Company> chosen = new ArrayList<>();
        for (int i = 0; i < n; i++) chosen.add(companies.get(random.nextInt(companies.size())));
        chosen.sort(Comparator.comparing(Company::code));
        List<FakeRow> rows = new ArrayList<>(n);
        for (Company c : chosen) rows.add(row(time, c, RowKind.NORMAL));
        return rows;
    }

    FakeRow rejected(String href, LocalTime time) {
        ensureCompanies(12);
        Company c = companies.get(random.nextInt(companies.size()));
        return new FakeRow(null, time, c.code(), c.name(), title(), null, c.exchanges(), null, "", RowKind.REJECTED, href);
    }

    String history(LocalTime rowTime, String what) {
        int delay = 5 + random.nextInt(120);
        LocalTime at = rowTime.plusMinutes(delay).isBefore(rowTime) ? LocalTime.of(23, 59) : rowTime.plusMinutes(delay);
        return date.atTime(at).format(HISTORY) + " " + what;
    }

    private FakeRow row(LocalTime time, Company c, RowKind kind) {
        String title = title();
        if (kind == RowKind.DELETED) {
            return new FakeRow(null, time, c.code(), c.name(), title, null, c.exchanges(), null,
                    history(time, "削除"), kind, null);
        }
        DisclosureId id = nextId();
        String xbrl = random.nextInt(3) == 0 ? (random.nextBoolean() ? "0812" : "0912") + id.value().substring(4) + ".zip" : null;
        if (kind == RowKind.RETITLED) {
            String previous = title;
            String current;
            do {
                current = title();
            } while (current.equals(previous));
            return new FakeRow(id, time, c.code(), c.name(), current, previous, c.exchanges(), xbrl,
                    history(time, "表題変更"), kind, id.value() + ".pdf");
        }
        return new FakeRow(id, time, c.code(), c.name(), title, null, c.exchanges(), xbrl, "", kind, id.value() + ".pdf");
    }

    private DisclosureId nextId() {
        while (true) {
            serial = (serial + 1 + random.nextInt(3)) % 1_000_000;
            int r = random.nextInt(100);
            int lag = r < 70 ? 0 : r < 85 ? 1 : 2 + random.nextInt(13);
            String candidate = "1401" + date.minusDays(lag).format(ID_DATE) + String.format("%06d", serial);
            DisclosureId id = DisclosureId.of(candidate);
            if (store.claim(id, seed)) return id;
        }
    }

    private LocalTime dayTime() {
        int r = random.nextInt(100);
        if (r < 30) return LocalTime.of(15, 30);
        if (r < 50) return LocalTime.of(15, 0);
        if (r < 58) return LocalTime.of(16, 0);
        if (r < 62) return LocalTime.of(11, 30);
        if (r < 65) return LocalTime.of(13, 0);
        if (r < 66) return LocalTime.of(22, 0).plusMinutes(random.nextInt(15));
        return LocalTime.of(8, 0).plusMinutes(random.nextInt(14 * 60));
    }

    private String title() {
        String fy = (date.getMonthValue() > 3 ? date.getYear() + 1 : date.getYear()) + "年３月期";
        int r = random.nextInt(100);
        String base;
        if (r < 22) base = fy + "　第３四半期決算短信〔日本基準〕（連結）";
        else if (r < 27) base = fy + "　第３四半期決算短信〔ＩＦＲＳ〕（連結）";
        else if (r < 32) base = date.getYear() + "年12月期　決算短信〔日本基準〕（連結）";
        else if (r < 38) base = fy + "　第３四半期決算説明資料";
        else base = PLAIN_TITLES[random.nextInt(PLAIN_TITLES.length)];
        int c = random.nextInt(100);
        if (c < 3) return "（訂正）「" + base + "」の一部訂正について";
        if (c < 5) return "【訂正】" + base;
        return base;
    }

    private void ensureCompanies(int wanted) {
        Set<String> codes = new HashSet<>(companiesByCode.keySet());
        while (companies.size() < wanted) {
            String code;
            if (random.nextInt(100) < 6) {
                code = (130 + random.nextInt(300)) + String.valueOf((char) ('A' + random.nextInt(26))) + "0";
            } else {
                code = (1300 + random.nextInt(8700)) + "0";
            }
            if (!codes.add(code)) continue;
            String name;
            if (random.nextInt(100) < 8) {
                name = LETTER_NAMES[random.nextInt(LETTER_NAMES.length)];
            } else {
                name = NAME_HEADS[random.nextInt(NAME_HEADS.length)] + NAME_TAILS[random.nextInt(NAME_TAILS.length)]
                        + NAME_SUFFIXES[random.nextInt(NAME_SUFFIXES.length)];
            }
            Company c = new Company(code, name, EXCHANGES[random.nextInt(EXCHANGES.length)]);
            companiesByCode.put(code, c);
            companies.add(c);
        }
    }

    private Set<Integer> pick(int n, int count, Set<Integer> exclude) {
        Set<Integer> chosen = new HashSet<>();
        while (chosen.size() < count && chosen.size() + exclude.size() < n) {
            int i = random.nextInt(n);
            if (!exclude.contains(i)) chosen.add(i);
        }
        return chosen;
    }
}
