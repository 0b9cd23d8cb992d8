package io.tdnet.ledger;

import io.tdnet.model.IsoTime;
import static io.tdnet.model.Attributes.*;

import io.tdnet.model.ArchivedDisclosure;
import io.tdnet.model.Disclosure;
import io.tdnet.model.DisclosureId;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.ExecutionSummary;
import io.tdnet.model.Outcome;
import io.tdnet.model.OutcomeRow;
import io.tdnet.model.StoredPdf;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Mapping between our records and DynamoDB items; the only place that knows the item layout. */
final class Items {
    private Items() {}

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static Map<String, AttributeValue> summaryKey(String executionId) {
        return Map.of(EXECUTION_ID, s(executionId), ENTRY, s(SUMMARY_ENTRY));
    }

    static Map<String, AttributeValue> outcomeKey(String executionId, DisclosureId id) {
        return outcomeKey(executionId, OUTCOME_PREFIX + id.value());
    }

    static Map<String, AttributeValue> outcomeKey(String executionId, String entry) {
        return Map.of(EXECUTION_ID, s(executionId), ENTRY, s(entry));
    }

    static Map<String, AttributeValue> disclosureKey(DisclosureId id) {
        return Map.of(DISCLOSURE_ID, s(id.value()));
    }

    static String sortKey(Disclosure d) {
        return IsoTime.format(d.disclosedAt()) + "#" + d.disclosureId().value();
    }

    static Map<String, AttributeValue> disclosureItem(Disclosure d, StoredPdf pdf, String executionId, OffsetDateTime now) {
        return disclosureItem(d, pdf, null, executionId, now);
    }

    /** @param xbrl the disclosure's stored XBRL, or null */
    static Map<String, AttributeValue> disclosureItem(Disclosure d, StoredPdf pdf, io.tdnet.model.StoredXbrl xbrl,
                                                      String executionId, OffsetDateTime now) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(DISCLOSURE_ID, s(d.disclosureId().value()));
        item.put(DISCLOSED_DATE, s(d.disclosedDate().toString()));
        item.put(DISCLOSED_AT, s(IsoTime.format(d.disclosedAt())));
        item.put(DISCLOSED_AT_ID, s(sortKey(d)));
        putIfPresent(item, COMPANY_CODE, d.companyCode());
        putIfPresent(item, COMPANY_NAME, d.companyName());
        putIfPresent(item, TITLE, d.title());
        putIfPresent(item, PREVIOUS_TITLE, d.previousTitle());
        putIfPresent(item, EXCHANGES, d.exchanges());
        putIfPresent(item, HISTORY, d.history());
        item.put(PDF_URL, s(d.pdfUrl()));
        putIfPresent(item, XBRL_URL, d.xbrlUrl());
        item.put(PDF_S3_KEY, s(pdf.s3Key()));
        item.put(PDF_SHA256, s(pdf.sha256()));
        item.put(PDF_BYTES, n(pdf.bytes()));
        if (xbrl != null) {
            item.put(XBRL_S3_KEY, s(xbrl.s3Key()));
            item.put(XBRL_SHA256, s(xbrl.sha256()));
            item.put(XBRL_BYTES, n(xbrl.bytes()));
        }
        item.put(FIRST_EXECUTION_ID, s(executionId));
        item.put(STORED_AT, s(IsoTime.format(now)));
        return item;
    }

    static ArchivedDisclosure archived(Map<String, AttributeValue> item) {
        Disclosure d = new Disclosure(
                new DisclosureId(str(item, DISCLOSURE_ID)),
                LocalDate.parse(str(item, DISCLOSED_DATE)),
                OffsetDateTime.parse(str(item, DISCLOSED_AT)),
                str(item, COMPANY_CODE), str(item, COMPANY_NAME), str(item, TITLE), str(item, PREVIOUS_TITLE),
                str(item, EXCHANGES), str(item, HISTORY), str(item, PDF_URL), str(item, XBRL_URL));
        StoredPdf pdf = new StoredPdf(str(item, PDF_S3_KEY), str(item, PDF_SHA256), num(item, PDF_BYTES));
        io.tdnet.model.StoredXbrl xbrl = item.containsKey(XBRL_SHA256)
                ? new io.tdnet.model.StoredXbrl(str(item, XBRL_S3_KEY), str(item, XBRL_SHA256), num(item, XBRL_BYTES)) : null;
        return new ArchivedDisclosure(d, pdf, str(item, FIRST_EXECUTION_ID), time(item, STORED_AT), time(item, WITHDRAWN_AT), xbrl);
    }

    static ExecutionSummary summary(Map<String, AttributeValue> item) {
        return new ExecutionSummary(
                str(item, EXECUTION_ID),
                LocalDate.parse(str(item, TARGET_DATE)),
                ExecutionStatus.valueOf(str(item, STATUS)),
                str(item, REASON),
                item.containsKey(BANNER_TOTAL) ? num(item, BANNER_TOTAL) : null,
                num(item, LISTED), num(item, WITHDRAWN), num(item, STORED), num(item, ALREADY_PRESENT), num(item, IN_FLIGHT),
                num(item, FAILED),
                time(item, STARTED_AT), time(item, UPDATED_AT), time(item, FINISHED_AT),
                new ExecutionSummary.XbrlCounts(num(item, XBRL_STORED), num(item, XBRL_ALREADY_PRESENT), num(item, XBRL_FAILED)));
    }

    static java.util.List<io.tdnet.model.StatusChange> statusHistory(Map<String, AttributeValue> item) {
        AttributeValue history = item.get(STATUS_HISTORY);
        if (history == null || !history.hasL()) return java.util.List.of();
        return history.l().stream().filter(AttributeValue::hasM).map(AttributeValue::m)
                .map(entry -> new io.tdnet.model.StatusChange(ExecutionStatus.valueOf(entry.get(STATUS).s()),
                        OffsetDateTime.parse(entry.get("at").s())))
                .toList();
    }

    static OutcomeRow outcomeRow(Map<String, AttributeValue> item) {
        String entry = str(item, ENTRY);
        DisclosureId id = entry.startsWith(OUTCOME_PREFIX) ? new DisclosureId(entry.substring(OUTCOME_PREFIX.length())) : null;
        return new OutcomeRow(str(item, EXECUTION_ID), id, str(item, HREF), Outcome.valueOf(str(item, OUTCOME)), str(item, REASON));
    }

    static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) item.put(name, s(value));
    }

    static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    static OffsetDateTime time(Map<String, AttributeValue> item, String name) {
        String v = str(item, name);
        return v == null ? null : OffsetDateTime.parse(v);
    }
}
