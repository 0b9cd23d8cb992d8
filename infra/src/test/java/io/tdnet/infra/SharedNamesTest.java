package io.tdnet.infra;

import io.tdnet.model.Attributes;
import io.tdnet.model.EnvVars;
import io.tdnet.model.MetricNames;
import io.tdnet.model.Names;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.tdnet.infra.TemplateJson.flatten;
import static io.tdnet.infra.TemplateJson.list;
import static io.tdnet.infra.TemplateJson.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariant 7, "one name, one place": fails if any queue, table, index, key attribute, bucket, env var
 * name, metric namespace or custom metric name in the template is not the shared-model constant.
 */
class SharedNamesTest {
    private final TemplateJson t = TemplateJson.prod();

    private static Set<String> constants(Class<?> holder) {
        Set<String> values = new TreeSet<>();
        for (Field f : holder.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    values.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return values;
    }

    @Test
    void queueNamesAreTheStagedSharedNames() {
        assertThat(t.ofType("AWS::SQS::Queue").values()).extracting(q -> q.get("QueueName"))
                .containsExactlyInAnyOrder(Names.staged(Names.DOWNLOAD_QUEUE, "prod"),
                        Names.staged(Names.DOWNLOAD_DLQ, "prod"), Names.staged(Names.PERSIST_QUEUE, "prod"),
                        Names.staged(Names.PERSIST_DLQ, "prod"));
    }

    @Test
    void tableIndexAndKeyNamesAreTheSharedNames() {
        assertThat(t.ofType("AWS::DynamoDB::Table").values()).extracting(x -> x.get("TableName"))
                .containsExactlyInAnyOrder(Names.staged(Names.DISCLOSURES_TABLE, "prod"),
                        Names.staged(Names.EXECUTIONS_TABLE, "prod"), Names.staged(Names.PACER_TABLE, "prod"));
        Set<String> indexes = new TreeSet<>();
        Set<String> keyAttributes = new TreeSet<>();
        t.ofType("AWS::DynamoDB::Table").values().forEach(table -> {
            list(table.get("AttributeDefinitions")).forEach(a -> keyAttributes.add((String) map(a).get("AttributeName")));
            Object ttl = table.get("TimeToLiveSpecification");
            if (ttl != null) keyAttributes.add((String) map(ttl).get("AttributeName"));
            Object gsis = table.get("GlobalSecondaryIndexes");
            if (gsis != null) list(gsis).forEach(g -> indexes.add((String) map(g).get("IndexName")));
        });
        assertThat(indexes).containsExactlyInAnyOrder(Names.DISCLOSURES_BY_DATE_INDEX,
                Names.DISCLOSURES_BY_COMPANY_INDEX, Names.EXECUTIONS_BY_DATE_INDEX);
        keyAttributes.remove(Names.PACER_KEY); // the pacer table's key is a shared name of its own
        assertThat(constants(Attributes.class)).containsAll(keyAttributes);
    }

    @Test
    void bucketNameIsTheStagedSharedNameWithTheAccount() {
        assertThat(t.ofType("AWS::S3::Bucket").values()).extracting(b -> flatten(b.get("BucketName")))
                .containsExactly(Names.staged(Names.BUCKET, "prod") + "-${AWS::AccountId}");
    }

    @Test
    void everyEnvironmentVariableNameIsAnEnvVarsConstant() {
        Set<String> known = constants(EnvVars.class);
        Set<String> used = new TreeSet<>();
        t.ofType("AWS::Lambda::Function").values().forEach(f ->
                used.addAll(map(map(f.get("Environment")).get("Variables")).keySet()));
        assertThat(used).isNotEmpty();
        assertThat(known).containsAll(used);
    }

    @Test
    void everyCustomMetricNamespaceAndNameIsTheSharedOne() throws Exception {
        Set<String> metricNames = constants(MetricNames.class);
        List<String> namespaces = new ArrayList<>();
        List<String> customMetrics = new ArrayList<>();
        // alarms
        t.ofType("AWS::CloudWatch::Alarm").values().forEach(a -> {
            String ns = (String) a.get("Namespace");
            if (!ns.startsWith("AWS/")) {
                namespaces.add(ns);
                customMetrics.add((String) a.get("MetricName"));
            }
        });
        // dashboard: metric rows and SEARCH expressions
        String body = flatten(t.ofType("AWS::CloudWatch::Dashboard").values().iterator().next().get("DashboardBody"));
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        for (var widget : json.get("widgets")) {
            var metrics = widget.get("properties").get("metrics");
            if (metrics == null) continue;
            for (var row : metrics) {
                if (row.get(0).isTextual() && !row.get(0).asText().startsWith("AWS/")) {
                    namespaces.add(row.get(0).asText());
                    customMetrics.add(row.get(1).asText());
                }
            }
        }
        // SEARCH('{Namespace,Dim,...} MetricName="Name"', ...), quotes escaped in the flattened body
        Matcher search = Pattern.compile("SEARCH\\('\\{([^,}]+)[^}]*\\} MetricName=\\\\?\"([^\"\\\\]+)").matcher(body);
        int searches = 0;
        while (search.find()) {
            namespaces.add(search.group(1));
            customMetrics.add(search.group(2));
            searches++;
        }
        assertThat(searches).isGreaterThan(0);
        assertThat(namespaces).hasSizeGreaterThan(7).allMatch(MetricNames.NAMESPACE::equals);
        assertThat(metricNames).containsAll(customMetrics);
    }

    @Test
    void noStagedResourceNameLeaksAnotherStage() {
        String template = t.resources().toString();
        assertThat(template).doesNotContain("-dev").doesNotContain("-test");
        for (Map<String, Object> f : t.ofType("AWS::Lambda::Function").values()) {
            assertThat((String) f.get("FunctionName")).endsWith("-prod");
        }
    }
}
