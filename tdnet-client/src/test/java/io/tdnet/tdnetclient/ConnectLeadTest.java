package io.tdnet.tdnetclient;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectLeadTest {
    private static final long MS = 1_000_000;

    @Test
    void theLeadIsTwiceTheSlowestOfTheLastEightConnects() {
        TdnetClient.ConnectLead lead = new TdnetClient.ConnectLead();
        assertThat(lead.nanos()).as("before any connect").isEqualTo(TdnetClient.ConnectLead.MAX_NANOS);
        lead.took(30 * MS);
        for (int i = 0; i < 7; i++) lead.took(MS / 10);
        // one fast connect no longer shrinks the lead below a slow one seen recently
        assertThat(lead.nanos()).isEqualTo(60 * MS);
        lead.took(MS / 10); // the slow connect is the ninth last now: the floor
        assertThat(lead.nanos()).isEqualTo(TdnetClient.ConnectLead.MIN_NANOS);
    }

    @Test
    void theLeadIsCappedSoNoConnectionWaitsLongForItsSlot() {
        TdnetClient.ConnectLead lead = new TdnetClient.ConnectLead();
        lead.took(5_000 * MS);
        assertThat(lead.nanos()).isEqualTo(TdnetClient.ConnectLead.MAX_NANOS);
    }
}
