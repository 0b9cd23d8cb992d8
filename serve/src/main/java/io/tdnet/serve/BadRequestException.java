package io.tdnet.serve;

/** Input the server refuses with 400 and this message (in the JSON body, as a value: never echoed raw into markup). */
public final class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message);
    }
}
