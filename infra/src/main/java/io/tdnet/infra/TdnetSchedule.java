package io.tdnet.infra;

import io.tdnet.model.Names;
import io.tdnet.model.Tdnet;
import java.math.BigDecimal;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

/**
 * The deployment's one politeness limit toward TDnet: the stack parameter {@value #RATE_PARAMETER} (R,
 * requests per second for everything that talks to TDnet, default from {@link TdnetStackConfig#rate()})
 * and the pacer table holding the one slot schedule every process reserves its requests in (one item;
 * a conditional write and a consistent read per request, see the shared pacer). The table holds only
 * transient state, so it is destroyed with the stack.
 */
public final class TdnetSchedule extends Construct {
    /** The stack parameter carrying R. */
    public static final String RATE_PARAMETER = "TdnetRate";

    /** The stack parameter that turns XBRL fetching on ("true"/"false", default off: more requests toward TDnet). */
    public static final String WITH_XBRL_PARAMETER = "WithXbrl";

    private final CfnParameter rate;
    private final CfnParameter withXbrl;
    private final Table table;

    public TdnetSchedule(Construct scope, String id, TdnetStackConfig config) {
        super(scope, id);
        rate = CfnParameter.Builder.create(scope, RATE_PARAMETER)
                .type("Number")
                .defaultValue(BigDecimal.valueOf(config.rate()).stripTrailingZeros().toPlainString())
                .minValue(0.01)
                .maxValue(TdnetStackConfig.MAX_RATE)
                .description("Requests per second to TDnet for the whole deployment (list pages and documents,"
                        + " every function and CLI run together; default " + Tdnet.DEFAULT_RATE + ")")
                .build();
        withXbrl = CfnParameter.Builder.create(scope, WITH_XBRL_PARAMETER)
                .type("String")
                .defaultValue("false")
                .allowedValues(java.util.List.of("true", "false"))
                .description("Fetch each listed disclosure's XBRL zip too: one more request per linked row, at the same"
                        + " rate (default false)")
                .build();
        table = Table.Builder.create(this, "Pacer")
                .tableName(Names.staged(Names.PACER_TABLE, config.stage()))
                .partitionKey(Attribute.builder().name(Names.PACER_KEY).type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
    }

    /** R as the functions' environment gets it: a reference to the parameter. */
    public String rateValue() {
        return rate.getValueAsString();
    }

    /** Whether the lister asks for XBRL zips, as the lister's environment gets it: a reference to the parameter. */
    public String withXbrlValue() {
        return withXbrl.getValueAsString();
    }

    public Table table() {
        return table;
    }
}
