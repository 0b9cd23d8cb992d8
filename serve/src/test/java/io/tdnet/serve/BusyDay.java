package io.tdnet.serve;

import static io.tdnet.model.Attributes.*;

import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.faketdnet.FakeDay;
import io.tdnet.faketdnet.FakeRow;
import io.tdnet.model.IsoTime;
import io.tdnet.model.S3Keys;
import io.tdnet.model.Tdnet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** A fake day's linked rows written as stored disclosures (BatchWriteItem), without PDFs in S3. */
final class BusyDay {
    private BusyDay() {}

    /** Returns how many disclosures were written. */
    static int write(EmbeddedAwsStack stack, FakeDay day, String baseUrl) {
        String table = stack.resources().disclosuresTable();
        List<WriteRequest> writes = new ArrayList<>();
        for (FakeRow row : day.rows()) {
            if (!row.hasValidLink()) continue;
            writes.add(WriteRequest.builder().putRequest(p -> p.item(item(day, row, baseUrl))).build());
        }
        for (int i = 0; i < writes.size(); i += 25) {
            Map<String, List<WriteRequest>> batch = Map.of(table, writes.subList(i, Math.min(i + 25, writes.size())));
            while (!batch.isEmpty()) {
                Map<String, List<WriteRequest>> current = batch;
                var response = stack.dynamoDb().batchWriteItem(b -> b.requestItems(current));
                batch = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
        return writes.size();
    }

    private static Map<String, AttributeValue> item(FakeDay day, FakeRow row, String baseUrl) {
        OffsetDateTime at = day.date().atTime(row.time()).atOffset(Tdnet.JST.getRules().getOffset(day.date().atTime(row.time())));
        String id = row.id().value();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(DISCLOSURE_ID, s(id));
        item.put(DISCLOSED_DATE, s(day.date().toString()));
        item.put(DISCLOSED_AT, s(IsoTime.format(at)));
        item.put(DISCLOSED_AT_ID, s(IsoTime.format(at) + "#" + id));
        item.put(COMPANY_CODE, s(row.code()));
        item.put(COMPANY_NAME, s(row.name()));
        item.put(TITLE, s(row.title()));
        if (row.previousTitle() != null) item.put(PREVIOUS_TITLE, s(row.previousTitle()));
        item.put(EXCHANGES, s(row.exchanges()));
        item.put(PDF_URL, s(baseUrl + id + ".pdf"));
        item.put(PDF_S3_KEY, s(S3Keys.pdfKey(day.date(), row.id())));
        item.put(PDF_SHA256, s("0".repeat(64)));
        item.put(PDF_BYTES, AttributeValue.fromN("1000"));
        item.put(FIRST_EXECUTION_ID, s("busy-day-fixture"));
        item.put(STORED_AT, s(IsoTime.format(at.plusMinutes(1))));
        return item;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
