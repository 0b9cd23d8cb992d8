package io.tdnet.testkit.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.tdnet.embedded.EmbeddedAwsStack;
import io.tdnet.model.Names;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With its twin class: both classes must get the same stack instance (one per JVM). */
@ExtendWith(EmbeddedAwsExtension.class)
class EmbeddedAwsExtensionSecondIT {
    private final EmbeddedAwsStack constructorStack;

    EmbeddedAwsExtensionSecondIT(EmbeddedAwsStack stack) {
        this.constructorStack = stack;
    }

    @BeforeEach
    void reset(EmbeddedAwsStack stack) {
        stack.reset();
    }

    @Test
    void sharesOneStackWithTheOtherClass(EmbeddedAwsStack stack) {
        assertThat(stack).isSameAs(constructorStack);
        SharedStackRecorder.SEEN.add(stack);
        assertThat(SharedStackRecorder.SEEN).hasSize(1);
        assertThat(stack.dynamoDb().listTables().tableNames()).contains(Names.DISCLOSURES_TABLE);
    }
}
