package io.tdnet.model;

import java.time.OffsetDateTime;

/** One entry of an execution's {@code status_history}: the status it entered and when. */
public record StatusChange(ExecutionStatus status, OffsetDateTime at) {}
