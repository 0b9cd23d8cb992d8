package io.tdnet.twin.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.tdnet.twin.FunctionSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * IAM as AWS would evaluate it, on what the twin recorded: every call a function made (attributed by
 * the key that signed it) must be allowed by that function's role policy in the template — Allow
 * statements with Action and Resource wildcards, {@code StringEquals}/{@code StringLike} conditions,
 * explicit Deny winning; a {@code TransactWriteItems} needs each inner action on its table. And the
 * other way round: every granted action must be used by some call, or be in {@link #UNUSED_BY_DESIGN}
 * with the reason. Calls with a refused key (unknown, or revoked at SnapStart restore) fail the check.
 */
public final class IamCheck {
    /**
     * Granted actions no twin call uses, and why they stay granted: by action for the statements CDK
     * writes without a Sid (the event source's and the log grants), by {@code "<statement sid> <action>"}
     * for one of our own named statements — so an unused action of a statement we wrote is never hidden
     * by an entry meant for CDK's. Keep short: anything else unused is a permission to remove.
     */
    public static final Map<String, String> UNUSED_BY_DESIGN = Map.ofEntries(
            Map.entry("logs:CreateLogStream", "Lambda's own log agent writes the function's logs with its role; the twin writes log files"),
            Map.entry("logs:PutLogEvents", "Lambda's own log agent writes the function's logs with its role; the twin writes log files"),
            Map.entry("sqs:GetQueueAttributes", "granted by the SQS event source for AWS's poller, which reads the queue's attributes"),
            Map.entry("sqs:GetQueueUrl", "granted by the SQS event source for AWS's poller"),
            Map.entry("sqs:ChangeMessageVisibility", "granted by the SQS event source for AWS's poller (visibility of failed batches)"),
            Map.entry("StoreXbrls s3:GetObject", "XBRL zips are fetched only with the stack parameter WithXbrl=true (off by "
                    + "default, the twin's day runs the default); XbrlCollectIT covers the path"),
            Map.entry("StoreXbrls s3:PutObject", "XBRL zips are fetched only with the stack parameter WithXbrl=true (off by "
                    + "default, the twin's day runs the default); XbrlCollectIT covers the path"),
            Map.entry("StorePdfs s3:AbortMultipartUpload", "cleans up a failed multipart upload; a run without upload failures does not call it"),
            Map.entry("RecordExecutions dynamodb:DeleteItem", "the lister deletes stale plan rows when it re-plans a dead lister's LISTING execution; a clean run never re-plans"),
            Map.entry("ReadAndWithdrawDisclosures dynamodb:UpdateItem", "marks a disclosure that an EARLIER run stored and TDnet "
                    + "has withdrawn since; a day's first run has none (its withdrawn rows were never stored). The twin "
                    + "ITs' intraday re-run uses it"),
            Map.entry("PaceTdnetRequests dynamodb:GetItem", "the quiet-span read before a slot, spared when the sender's own "
                    + "reservation was asked no earlier than the read would start (SharedPacer, KnownPushes): a lister alone on "
                    + "the schedule gets slots right after it asks and never reads; it reads when another process's backlog puts its "
                    + "slot further ahead (SharedPacerTest, DynamoSlotStoreIT)"),
            Map.entry("DeadLetter sqs:SendMessage", "the persister dead-letters only a message it cannot read or whose disclosure its "
                    + "execution never listed; no function sends one (PersisterHandlerIT covers the path)"));

    /** Why a granted action may stay unused, or null. */
    static String unusedByDesign(String sid, String action) {
        return sid.isEmpty() ? UNUSED_BY_DESIGN.get(action) : UNUSED_BY_DESIGN.get(sid + " " + action);
    }

    private IamCheck() {}

    public static CheckReport run(CloudFormationTemplate template, List<RecordedCall> calls) {
        List<String> failures = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        Map<String, FunctionSpec> functions = new LinkedHashMap<>();
        template.functions().forEach(f -> functions.put(f.logicalId(), f));
        Map<String, Set<String>> used = new LinkedHashMap<>(); // function -> "statementIndex|action"
        Map<String, Map<String, Integer>> allowedCalls = new LinkedHashMap<>();
        int others = 0;
        for (RecordedCall call : calls) {
            if (call.principal().startsWith("refused:")) {
                failures.add(call.service() + " call with a refused key " + call.principal().substring(8) + " (" + call.errorCode() + ")");
                continue;
            }
            FunctionSpec fn = functions.get(call.principal());
            if (fn == null) {
                others++; // the CLI or an operator: not a role of the template
                continue;
            }
            List<RoleStatement> statements = template.statementsOf(fn.logicalId());
            for (Authorization needed : call.authorizations()) {
                String key = call.operation() + " → " + needed.action() + " ";
                int allowedBy = -1;
                boolean denied = false;
                for (int i = 0; i < statements.size(); i++) {
                    RoleStatement s = statements.get(i);
                    String matchedAction = matchingAction(s, needed);
                    if (matchedAction == null) continue;
                    if (s.effect().equals("Deny")) denied = true;
                    else if (allowedBy < 0) {
                        allowedBy = i;
                        used.computeIfAbsent(fn.logicalId(), f -> new LinkedHashSet<>()).add(i + "|" + matchedAction);
                    }
                }
                if (denied || allowedBy < 0) {
                    failures.add(fn.functionName() + ": " + key + needed.resource() + (denied ? " DENIED explicitly" : " not allowed by its role"));
                } else {
                    RoleStatement by = statements.get(allowedBy);
                    // grouped by the granted resource pattern the call matched, so the report stays one line per grant
                    String pattern = by.resources().stream().filter(r -> glob(r, needed.resource())).findFirst().orElse("?");
                    allowedCalls.computeIfAbsent(fn.functionName(), f -> new TreeMap<>())
                            .merge(key + pattern + "  [" + (by.sid().isEmpty() ? "statement " + allowedBy : by.sid()) + "]", 1, Integer::sum);
                }
            }
        }
        body.append("calls allowed, per function (count × operation → action on the granted resource [statement]):\n");
        allowedCalls.forEach((fn, lines) -> {
            body.append("  ").append(fn).append('\n');
            lines.forEach((line, n) -> body.append(String.format("    %5d × %s%n", n, line)));
        });
        body.append("calls by non-function principals (CLI, operator): ").append(others).append('\n');
        body.append("granted actions, per function:\n");
        for (FunctionSpec fn : functions.values()) {
            body.append("  ").append(fn.functionName()).append('\n');
            List<RoleStatement> statements = template.statementsOf(fn.logicalId());
            Set<String> usedHere = used.getOrDefault(fn.logicalId(), Set.of());
            for (int i = 0; i < statements.size(); i++) {
                RoleStatement s = statements.get(i);
                for (String action : s.actions()) {
                    String state;
                    if (usedHere.contains(i + "|" + action)) {
                        state = "used";
                    } else if (unusedByDesign(s.sid(), action) != null) {
                        state = "unused, listed: " + unusedByDesign(s.sid(), action);
                    } else {
                        state = "UNUSED";
                        failures.add(fn.functionName() + ": granted " + action + " on " + s.resources() + " (" + s.sid()
                                + ") is used by no call and not listed");
                    }
                    body.append(String.format("    %-32s %-28s %s%n", action, s.sid().isEmpty() ? "-" : s.sid(), state));
                }
            }
        }
        return CheckReport.of("IAM", failures, body);
    }

    /** The statement's action that covers the needed one, if the statement also covers its resource and conditions. */
    private static String matchingAction(RoleStatement s, Authorization needed) {
        String action = null;
        for (String a : s.actions()) {
            if (glob(a.toLowerCase(Locale.ROOT), needed.action().toLowerCase(Locale.ROOT))) {
                action = a;
                break;
            }
        }
        if (action == null) return null;
        boolean resource = s.resources().stream().anyMatch(r -> glob(r, needed.resource()));
        return resource && conditionsHold(s.condition(), needed.contextKeys()) ? action : null;
    }

    private static boolean conditionsHold(JsonNode condition, Map<String, String> context) {
        for (Iterator<Map.Entry<String, JsonNode>> ops = condition.fields(); ops.hasNext(); ) {
            Map.Entry<String, JsonNode> op = ops.next();
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                String actual = context.get(key.getKey());
                if (actual == null) return false;
                List<String> expected = new ArrayList<>();
                if (key.getValue().isArray()) key.getValue().forEach(v -> expected.add(v.asText()));
                else expected.add(key.getValue().asText());
                boolean holds = switch (op.getKey()) {
                    case "StringEquals" -> expected.contains(actual);
                    case "StringLike" -> expected.stream().anyMatch(e -> glob(e, actual));
                    default -> throw new UnresolvableTemplateException("condition operator " + op.getKey() + " is not supported by the twin's IAM check");
                };
                if (!holds) return false;
            }
        }
        return true;
    }

    /** IAM wildcard match: {@code *} any run of characters, {@code ?} one character. */
    static boolean glob(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return value.matches(regex.toString());
    }
}
