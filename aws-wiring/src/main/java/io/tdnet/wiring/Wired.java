package io.tdnet.wiring;

/**
 * A function's service as its wiring built it, with the {@link ResourceCheck} that must live as long
 * as the handler: under SnapStart that check is the restore hook, which the runtime holds only weakly.
 * {@code resources} is null where nothing is checked (tests).
 */
public record Wired<S>(S service, ResourceCheck resources) {}
