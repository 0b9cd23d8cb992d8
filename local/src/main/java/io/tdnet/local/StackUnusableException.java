package io.tdnet.local;

/**
 * The deployed stack cannot be used as it is: the stack or one of its resources is missing or not
 * allowed, or there are no credentials. The message names the resource and the stack; the CLI prints it
 * and exits 1 before any request to TDnet.
 */
public final class StackUnusableException extends IllegalStateException {
    public StackUnusableException(String message, Throwable cause) {
        super(message, cause);
    }
}
