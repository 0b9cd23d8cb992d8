package io.tdnet.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tdnet.model.ExecutionStatus;
import io.tdnet.model.MetricIdentity;
import io.tdnet.model.MetricNames;
import io.tdnet.model.Names;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tdnet.infra.TemplateJson.flatten;
import static io.tdnet.infra.TemplateJson.list;
import static io.tdnet.infra.TemplateJson.map;
import static io.tdnet.infra.TemplateJson.target;
import static org.assertj.core.api.Assertions.assertThat;

class MonitoringTest {
    private static final String ALARM = "AWS::CloudWatch::Alarm";
    private static final List<String> QUEUES = List.of(Names.DOWNLOAD_QUEUE, Names.PERSIST_QUEUE,
            Names.DOWNLOAD_DLQ, Names.PERSIST_DLQ);
    private static final List<String> FUNCTIONS = List.of(ResourceNames.LISTER_FUNCTION,
            ResourceNames.DOWNLOADER_FUNCTION, ResourceNames.PERSISTER_FUNCTION);
    private final TemplateJson t = TemplateJson.prod();

    private JsonNode dashboard() throws Exception {
        Map<String, Map<String, Object>> dashboards = t.ofType("AWS::CloudWatch::Dashboard");
        assertThat(dashboards).hasSize(1);
        Map<String, Object> props = dashboards.values().iterator().next();
        assertThat(props.get("DashboardName")).isEqualTo(Names.staged(ResourceNames.DASHBOARD, "prod"));
        return new ObjectMapper().readTree(flatten(props.get("DashboardBody")));
    }

    /** Every metric array of every graph widget: [namespace, name, dim, value, ...] or [{expression}]. */
    private List<JsonNode> metricRows(JsonNode body, String titleFilter) {
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode widget : body.get("widgets")) {
            JsonNode props = widget.get("properties");
            if (props.has("metrics") && (titleFilter == null || props.path("title").asText().equals(titleFilter))) {
                props.get("metrics").forEach(rows::add);
            }
        }
        return rows;
    }

    @Test
    void dashboardShowsVisibleInFlightAndOldestAgeForBothQueuesAndBothDlqs() throws Exception {
        JsonNode body = dashboard();
        for (String queue : QUEUES) {
            String staged = Names.staged(queue, "prod");
            List<String> metrics = metricRows(body, staged).stream()
                    .filter(r -> r.get(0).asText().equals("AWS/SQS") && r.get(2).asText().equals("QueueName")
                            && r.get(3).asText().equals(staged))
                    .map(r -> r.get(1).asText()).toList();
            assertThat(metrics).as(staged).containsExactlyInAnyOrder("ApproximateNumberOfMessagesVisible",
                    "ApproximateNumberOfMessagesNotVisible", "ApproximateAgeOfOldestMessage");
        }
    }

    @Test
    void dashboardShowsLambdaErrorsThrottlesDurationAndConcurrencyOfEachFunction() throws Exception {
        JsonNode body = dashboard();
        List<String> lambdaRows = metricRows(body, null).stream()
                .filter(r -> r.get(0).asText().equals("AWS/Lambda"))
                .map(r -> r.get(1).asText() + " " + r.get(3).asText()).toList();
        for (String function : FUNCTIONS) {
            String staged = Names.staged(function, "prod");
            assertThat(lambdaRows).contains("Errors " + staged, "Throttles " + staged, "Duration " + staged,
                    "ConcurrentExecutions " + staged);
        }
    }

    private static final java.util.regex.Pattern SCHEMA_SEARCH = java.util.regex.Pattern.compile(
            "SEARCH\\('\\{([^,}]+)((?:,[^,}]+)*)\\} MetricName=\"([^\"]+)\"', 'Sum', 300\\)");

    /** Every metric of the pipeline's namespace on the dashboard, as catalog identities (fails on any other). */
    private java.util.Set<MetricIdentity> dashboardIdentities() throws Exception {
        java.util.Set<MetricIdentity> found = java.util.EnumSet.noneOf(MetricIdentity.class);
        for (JsonNode row : metricRows(dashboard(), null)) {
            if (row.get(0).isObject() && row.get(0).has("expression")) {
                String expression = row.get(0).get("expression").asText();
                var m = SCHEMA_SEARCH.matcher(expression);
                assertThat(m.matches()).as("SEARCH bound to an exact dimension schema: " + expression).isTrue();
                assertThat(m.group(1)).isEqualTo(MetricNames.NAMESPACE);
                List<String> dims = m.group(2).isEmpty() ? List.of() : List.of(m.group(2).substring(1).split(","));
                found.add(identity(m.group(3), dims));
            } else if (row.get(0).asText().equals(MetricNames.NAMESPACE)) {
                List<String> dims = new ArrayList<>();
                for (int i = 2; i + 1 < row.size() && row.get(i).isTextual(); i += 2) dims.add(row.get(i).asText());
                found.add(identity(row.get(1).asText(), dims));
            } else {
                assertThat(row.get(0).asText()).as("a namespace of AWS's own").startsWith("AWS/");
            }
        }
        return found;
    }

    private static MetricIdentity identity(String name, List<String> dimensions) {
        return MetricIdentity.find(name, dimensions)
                .orElseThrow(() -> new AssertionError(name + dimensions + " is not a catalog identity"));
    }

    @Test
    void everyCatalogIdentityIsOnTheDashboardAndNothingElseOfTheNamespace() throws Exception {
        assertThat(dashboardIdentities()).containsExactlyInAnyOrder(MetricIdentity.values());
    }

    @Test
    void everyAlarmOnThePipelinesNamespaceWatchesACatalogIdentity() {
        List<MetricIdentity> alarmed = new ArrayList<>();
        t.ofType(ALARM).values().stream().filter(a -> MetricNames.NAMESPACE.equals(a.get("Namespace"))).forEach(a -> {
            List<String> dims = a.get("Dimensions") == null ? List.of()
                    : list(a.get("Dimensions")).stream().map(d -> (String) map(d).get("Name")).toList();
            alarmed.add(identity((String) a.get("MetricName"), dims));
        });
        assertThat(alarmed).containsExactlyInAnyOrder(MetricIdentity.EXECUTIONS, MetricIdentity.UNSETTLED_EXECUTIONS);
    }

    @Test
    void aMetricWithDimensionsOtherThanItsIdentitysCannotBeBuilt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CatalogMetrics.series(MetricIdentity.EXECUTIONS,
                        Map.of(MetricNames.DIM_COMPONENT, "lister", MetricNames.DIM_STATUS, "FAILED"), "Sum"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[Status]");
    }

    @Test
    void dashboardHasAnAlarmStatusWidgetWithEveryAlarm() throws Exception {
        JsonNode body = dashboard();
        List<JsonNode> alarmWidgets = new ArrayList<>();
        body.get("widgets").forEach(w -> { if (w.get("type").asText().equals("alarm")) alarmWidgets.add(w); });
        assertThat(alarmWidgets).hasSize(1);
        assertThat(alarmWidgets.get(0).get("properties").get("alarms")).hasSize(t.ofType(ALARM).size());
    }

    private Map<String, Object> alarm(String namespace, String metric, String dimension, String value) {
        List<Map<String, Object>> found = t.ofType(ALARM).values().stream()
                .filter(a -> namespace.equals(a.get("Namespace")) && metric.equals(a.get("MetricName"))
                        && List.of(Map.of("Name", dimension, "Value", value)).equals(a.get("Dimensions")))
                .toList();
        assertThat(found).as("alarm on %s %s %s=%s", namespace, metric, dimension, value).hasSize(1);
        return found.get(0);
    }

    @Test
    void eachDlqAlarmsAsSoonAsItHoldsAMessage() {
        for (String dlq : List.of(Names.DOWNLOAD_DLQ, Names.PERSIST_DLQ)) {
            Map<String, Object> a = alarm("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName",
                    Names.staged(dlq, "prod"));
            assertThat(a.get("Threshold")).isEqualTo(0);
            assertThat(a.get("ComparisonOperator")).isEqualTo("GreaterThanThreshold");
            assertThat(a.get("Statistic")).isEqualTo("Maximum");
        }
    }

    @Test
    void oldestMessageAgeAlarmsUseTheConfiguredThresholds() {
        Map<String, Object> download = alarm("AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName",
                Names.staged(Names.DOWNLOAD_QUEUE, "prod"));
        assertThat(download.get("Threshold")).isEqualTo((int) SynthesizedStack.config().downloadAgeAlarm().toSeconds());
        assertThat(download.get("ComparisonOperator")).isEqualTo("GreaterThanThreshold");
        Map<String, Object> persist = alarm("AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName",
                Names.staged(Names.PERSIST_QUEUE, "prod"));
        assertThat(persist.get("Threshold")).isEqualTo((int) SynthesizedStack.config().persistAgeAlarm().toSeconds());
    }

    @Test
    void aFailedExecutionAlarmsOnExecutionsWithStatusFailed() {
        Map<String, Object> a = alarm(MetricNames.NAMESPACE, MetricNames.EXECUTIONS, MetricNames.DIM_STATUS,
                ExecutionStatus.FAILED.name());
        assertThat(a.get("Statistic")).isEqualTo("Sum");
        assertThat(a.get("Threshold")).isEqualTo(1);
        assertThat(a.get("ComparisonOperator")).isEqualTo("GreaterThanOrEqualToThreshold");
    }

    @Test
    void lambdaErrorsAndThrottlesAlarmForEachFunction() {
        for (String function : FUNCTIONS) {
            for (String metric : List.of("Errors", "Throttles")) {
                Map<String, Object> a = alarm("AWS/Lambda", metric, "FunctionName", Names.staged(function, "prod"));
                assertThat(a.get("Threshold")).isEqualTo(1);
                assertThat(a.get("ComparisonOperator")).isEqualTo("GreaterThanOrEqualToThreshold");
            }
        }
    }

    @Test
    void everyAlarmNotifiesTheTopicAndIsQuietWithoutData() {
        Map<String, Map<String, Object>> alarms = t.ofType(ALARM);
        assertThat(alarms).hasSize(14);
        String topicId = t.idWhere("AWS::SNS::Topic", "TopicName", Names.staged(ResourceNames.ALARM_TOPIC, "prod"));
        alarms.forEach((id, a) -> {
            assertThat(list(a.get("AlarmActions"))).as(id).singleElement().satisfies(x -> assertThat(target(x)).isEqualTo(topicId));
            assertThat(list(a.get("OKActions"))).as(id).singleElement().satisfies(x -> assertThat(target(x)).isEqualTo(topicId));
            assertThat(a.get("TreatMissingData")).as(id).isEqualTo("notBreaching");
            assertThat(a.get("AlarmName").toString()).as(id).startsWith("tdnet-").endsWith("-prod");
        });
    }

    @Test
    void emailSubscriptionExistsOnlyWhenTheParameterIsNotEmpty() {
        Map<String, Object> parameter = map(t.section("Parameters").get(ResourceNames.ALERT_EMAIL_PARAMETER));
        assertThat(parameter.get("Type")).isEqualTo("String");
        assertThat(parameter.get("Default")).isEqualTo("");
        Map<String, Map<String, Object>> subscriptions = t.ofType("AWS::SNS::Subscription");
        assertThat(subscriptions).hasSize(1);
        String id = subscriptions.keySet().iterator().next();
        String condition = (String) t.resource(id).get("Condition");
        assertThat(condition).isNotNull();
        assertThat(t.section("Conditions").get(condition)).isEqualTo(Map.of("Fn::Not", List.of(
                Map.of("Fn::Equals", List.of(Map.of("Ref", ResourceNames.ALERT_EMAIL_PARAMETER), ""))))); 
        Map<String, Object> subscription = subscriptions.get(id);
        assertThat(subscription.get("Protocol")).isEqualTo("email");
        assertThat(subscription.get("Endpoint")).isEqualTo(Map.of("Ref", ResourceNames.ALERT_EMAIL_PARAMETER));
    }

    @Test
    void anExecutionUnsettledPastItsDeadlineAlarmsOnTheIdentityTheReconcilerEmits() {
        Map<String, Object> alarm = t.ofType(ALARM).values().stream()
                .filter(a -> MetricNames.UNSETTLED_EXECUTIONS.equals(a.get("MetricName"))).findFirst().orElseThrow();
        assertThat(alarm.get("Namespace")).isEqualTo(MetricNames.NAMESPACE);
        assertThat(alarm).doesNotContainKey("Dimensions");
        assertThat(alarm.get("Threshold")).isEqualTo(1);
        assertThat(alarm.get("ComparisonOperator")).isEqualTo("GreaterThanOrEqualToThreshold");
        // 6 h 03 of retries + the 2 h 03 horizon + one 15-minute reconciler period
        assertThat((String) alarm.get("AlarmDescription")).contains("8 h");
        String reconciler = t.idWhere("AWS::Lambda::Function", "FunctionName",
                Names.staged(ResourceNames.RECONCILER_FUNCTION, "prod"));
        Map<String, Object> env = map(map(t.propertiesOf(reconciler).get("Environment")).get("Variables"));
        assertThat(env.get(io.tdnet.model.EnvVars.SETTLE_HORIZON_SECONDS)).isEqualTo(Long.toString(123 * 60));
        assertThat(env.get(io.tdnet.model.EnvVars.UNSETTLED_DEADLINE_SECONDS)).isEqualTo(Long.toString((363 + 123 + 15) * 60));
        assertThat(t.ofType("AWS::Events::Rule").values()).anySatisfy(rule ->
                assertThat(rule.get("ScheduleExpression")).isEqualTo("rate(15 minutes)"));
    }
}
