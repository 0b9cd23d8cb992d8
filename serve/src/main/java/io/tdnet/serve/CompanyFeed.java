package io.tdnet.serve;

import io.tdnet.model.ArchivedDisclosure;
import io.tdnet.model.Disclosure;
import io.tdnet.model.text.MarkupText;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The RSS 2.0 feed of one company's latest disclosures. Every value goes through {@link MarkupText}
 * (escaped, and stripped of what XML 1.0 forbids), so a hostile title can neither break the XML nor
 * inject markup into a feed reader.
 */
final class CompanyFeed {
    /** Items per feed: the newest disclosures of the company. */
    static final int ITEMS = 50;

    private CompanyFeed() {}

    /** @param origin this server as the client addressed it ({@code http://host:port}), for absolute links */
    static String render(String origin, String code, List<ArchivedDisclosure> newestFirst) {
        String name = newestFirst.isEmpty() ? "" : newestFirst.get(0).disclosure().companyName();
        StringBuilder xml = new StringBuilder(4_096 + 600 * newestFirst.size());
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n");
        xml.append("<title>").append(MarkupText.escape("TDnet disclosures " + code + (name == null || name.isBlank() ? "" : " " + name.strip())))
                .append("</title>\n");
        xml.append("<link>").append(MarkupText.escape(origin + "/?code=" + code)).append("</link>\n");
        xml.append("<description>").append(MarkupText.escape("The latest " + ITEMS + " archived disclosures of " + code))
                .append("</description>\n");
        for (ArchivedDisclosure a : newestFirst) {
            Disclosure d = a.disclosure();
            xml.append("<item>\n");
            xml.append("<title>").append(MarkupText.escape(d.title())).append("</title>\n");
            xml.append("<link>").append(MarkupText.escape(origin + "/pdf/" + d.disclosureId().value())).append("</link>\n");
            xml.append("<guid isPermaLink=\"false\">").append(d.disclosureId().value()).append("</guid>\n");
            xml.append("<pubDate>").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(d.disclosedAt())).append("</pubDate>\n");
            xml.append("<description>").append(MarkupText.escape(
                    (d.companyName() == null ? "" : d.companyName().strip()) + " — " + d.title())).append("</description>\n");
            xml.append("</item>\n");
        }
        return xml.append("</channel>\n</rss>\n").toString();
    }
}
