package io.tdnet.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionEnvironmentTest {
    private final FunctionEnvironment env = new FunctionEnvironment(Map.of("A", " a ", "BLANK", "  ", "N", "7"));

    @Test
    void requiredNamesFailNamingTheVariableWhenUnsetOrBlank() {
        assertThat(env.require("A")).isEqualTo("a");
        assertThatThrownBy(() -> env.require("MISSING")).hasMessageContaining("MISSING");
        assertThatThrownBy(() -> env.require("BLANK")).hasMessageContaining("BLANK");
    }

    @Test
    void optionalNamesFallBackAndParsedValuesFailNamingTheVariable() {
        assertThat(env.optional("MISSING", "d")).isEqualTo("d");
        assertThat(env.optional("N", 1, Integer::parseInt)).isEqualTo(7);
        assertThat(env.optional("MISSING", 1, Integer::parseInt)).isEqualTo(1);
        assertThatThrownBy(() -> env.optional("A", 1, Integer::parseInt)).hasMessageContaining("A").hasMessageContaining("'a'");
    }

    @Test
    void remembersEveryNameReadInOrderAndPrintsThemAsOneJsonLine() throws Exception {
        env.optional("N");
        env.optional("MISSING", "x");
        env.require("A");
        env.optional("N");
        assertThat(env.namesRead()).containsExactly("N", "MISSING", "A");
        JsonNode line = new ObjectMapper().readTree(env.envReadLine());
        assertThat(line.get("message").asText()).isEqualTo("env_read");
        assertThat(line.get("env_read")).extracting(JsonNode::asText).containsExactly("N", "MISSING", "A");
    }
}
