package io.tdnet.model;

import java.time.ZoneId;

/** Facts about TDnet itself that several modules rely on. */
public final class Tdnet {
    private Tdnet() {}

    public static final String DEFAULT_BASE_URL = "https://www.release.tdnet.info/inbs/";
    public static final ZoneId JST = ZoneId.of("Asia/Tokyo");
    public static final int ROWS_PER_PAGE = 100;
    public static final double DEFAULT_RATE = 1.0;
    public static final long DEFAULT_MAX_PDF_BYTES = 100L * 1024 * 1024;
    /** XBRL zips are small (tens of KB to a few MB); 20 MB bounds the one buffer a zip is checked in. */
    public static final long DEFAULT_MAX_XBRL_BYTES = 20L * 1024 * 1024;
    public static final String DEFAULT_USER_AGENT =
            "tdnet-pipeline/0.1 (+https://github.com/tdnet-pipeline/tdnet-pipeline)";
}
