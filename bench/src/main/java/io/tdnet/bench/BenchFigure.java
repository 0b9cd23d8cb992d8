package io.tdnet.bench;

/**
 * One measured figure of {@code tdnet bench}.
 *
 * @param section end-to-end, ceilings, politeness, memory, start-up
 * @param name what was measured
 * @param value the number
 * @param unit its unit ("s", "disclosures/s", "MiB", "ops/s", "%", "requests")
 * @param note how it was measured or what it is compared with; may be empty
 */
public record BenchFigure(String section, String name, double value, String unit, String note) {
    public static BenchFigure of(String section, String name, double value, String unit) {
        return new BenchFigure(section, name, value, unit, "");
    }

    public static BenchFigure of(String section, String name, double value, String unit, String note) {
        return new BenchFigure(section, name, value, unit, note);
    }
}
