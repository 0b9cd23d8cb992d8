package io.tdnet.tdnetclient;

/** What an HTTP status from TDnet means for the request: the one classification both callers share. */
public enum StatusClass {
    /** 200: the body is read. */
    OK,
    /** 3xx: TDnet never redirects a page or a document we build; not followed. */
    REDIRECT,
    /** 408, 425, 429, 5xx: the server is busy or broken for now. */
    TRANSIENT,
    /** 404, 410 and every other status: the same request will get the same answer. */
    PERMANENT;

    public static StatusClass of(int status) {
        if (status == 200) return OK;
        if (status >= 300 && status < 400) return REDIRECT;
        if (status == 408 || status == 425 || status == 429 || status >= 500) return TRANSIENT;
        return PERMANENT;
    }
}
