package io.tdnet.tdnetclient;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusClassTest {
    @Test
    void classifiesEveryStatusOnce() {
        assertThat(StatusClass.of(200)).isEqualTo(StatusClass.OK);
        for (int s : new int[] {301, 302, 303, 307, 308}) assertThat(StatusClass.of(s)).isEqualTo(StatusClass.REDIRECT);
        for (int s : new int[] {408, 425, 429, 500, 502, 503, 504}) assertThat(StatusClass.of(s)).isEqualTo(StatusClass.TRANSIENT);
        for (int s : new int[] {204, 400, 401, 403, 404, 410, 451}) assertThat(StatusClass.of(s)).isEqualTo(StatusClass.PERMANENT);
    }
}
