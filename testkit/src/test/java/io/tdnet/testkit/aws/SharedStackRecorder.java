package io.tdnet.testkit.aws;

import io.tdnet.embedded.EmbeddedAwsStack;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Remembers the stack instances the test classes of this JVM were given. */
final class SharedStackRecorder {
    static final Set<EmbeddedAwsStack> SEEN = ConcurrentHashMap.newKeySet();

    private SharedStackRecorder() {}
}
