package io.tdnet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateTest {
    @Test
    void parsesAPositiveRate() {
        assertThat(Rate.parse("TDNET_RATE", " 2.5 ").perSecond()).isEqualTo(2.5);
    }

    @Test
    void refusesZeroNegativeNanInfinityAndTextNamingTheSetting() {
        for (String bad : new String[] {"0", "-1", "NaN", "Infinity", "fast"}) {
            assertThatThrownBy(() -> Rate.parse("TDNET_RATE", bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TDNET_RATE");
        }
    }

    @Test
    void onlyTheExplicitConstantIsUnthrottled() {
        assertThat(Rate.UNTHROTTLED.unthrottled()).isTrue();
        assertThat(Rate.perSecond(1).unthrottled()).isFalse();
        assertThatThrownBy(() -> new Rate(-0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
