package io.tdnet.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostModelTest {
    /** 1,000 stored disclosures: one HEAD + one PUT each, persist sends batched by ten. */
    private final CostModel model = new CostModel(Map.of(
            "s3.headObject", 1_000L, "s3.putObject", 1_000L,
            "sqs.sendMessageBatch", 200L, "sqs.receiveMessage", 300L, "sqs.deleteMessageBatch", 200L,
            "dynamodb.transactWriteItems", 100L, "dynamodb.getItem", 150L), 1_000, 200_000);

    @Test
    void callsPerDisclosureAreSummedByService() {
        assertThat(model.perDisclosure("s3")).isEqualTo(2.0);
        assertThat(model.perDisclosure("sqs")).isEqualTo(0.7);
        assertThat(model.perDisclosure("dynamodb")).isEqualTo(0.25);
    }

    @Test
    void s3RequestsAndStorageFollowTheMeasuredCallsAndSizes() {
        List<CostModel.Line> day = model.bill(CostModel.Workload.busyDay());
        assertThat(line(day, "S3", "PUT-class").quantity()).isEqualTo(2_694);
        assertThat(line(day, "S3", "PUT-class").cost()).isCloseTo(2_694 * 0.0047 / 1000, within(1e-9));
        assertThat(line(day, "S3", "GET/HEAD").cost()).isCloseTo(2_694 * 0.00037 / 1000, within(1e-9));
        assertThat(line(day, "S3", "storage").quantity()).isCloseTo(2_694 * 200_000 / 1e9, within(1e-9));
    }

    @Test
    void theMonthCostsMoreThanTheBusyDayAndEveryLineIsPriced() {
        List<CostModel.Line> day = model.bill(CostModel.Workload.busyDay());
        List<CostModel.Line> month = model.bill(CostModel.Workload.month());
        assertThat(day).allSatisfy(l -> assertThat(l.cost()).isPositive());
        assertThat(month).extracting(CostModel.Line::service)
                .contains("SQS", "S3", "DynamoDB", "Lambda", "CloudWatch", "reconciler");
        assertThat(CostModel.total(month)).isGreaterThan(10 * CostModel.total(day));
        // the fixed CloudWatch items are billed per month: a month is 30 calendar days
        assertThat(line(month, "CloudWatch", "metric series").cost())
                .isCloseTo(30 * line(day, "CloudWatch", "metric series").cost(), within(1e-9));
    }

    private static CostModel.Line line(List<CostModel.Line> lines, String service, String item) {
        return lines.stream().filter(l -> l.service().equals(service) && l.item().contains(item)).findFirst().orElseThrow();
    }
}
