package io.tdnet.model;

/**
 * One {@code D#<id>} (or {@code R#…} for a rejected row) entry of an execution.
 *
 * @param disclosureId null for a rejected row, whose link was not a valid document id
 * @param href the raw link of a rejected row (evidence), else null
 */
public record OutcomeRow(String executionId, DisclosureId disclosureId, String href, Outcome outcome, String reason) {}
