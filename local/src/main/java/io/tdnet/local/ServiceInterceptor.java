package io.tdnet.local;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Sees every call the pipeline makes on an AWS SDK client (the clients are interfaces, so a dynamic
 * proxy stands in for them): the bench counts operations per disclosure through it, the chaos suite
 * abandons work at chosen points. Only the outermost call is seen — the SDK's consumer-builder
 * overloads delegate to the request overload on the real client, not on the proxy — so one call of
 * the pipeline is one event.
 */
public interface ServiceInterceptor {
    /** Before the call reaches the real client; throwing here means the call never happened. */
    default void before(String service, String operation) {}

    /** After the call succeeded; throwing here means the effect happened but its caller never learns it. */
    default void after(String service, String operation) {}

    ServiceInterceptor NONE = new ServiceInterceptor() {};

    /** {@code delegate} seen through {@code interceptor}; {@code service} names it in the events ("sqs", "s3", "dynamodb"). */
    @SuppressWarnings("unchecked")
    static <T> T wrap(Class<T> type, T delegate, String service, ServiceInterceptor interceptor) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            boolean call = method.getDeclaringClass() == type && !name.equals("close") && !name.equals("serviceName")
                    && !name.equals("serviceClientConfiguration") && !name.equals("utilities") && !name.equals("waiter");
            if (call) interceptor.before(service, name);
            Object result;
            try {
                result = method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (call) interceptor.after(service, name);
            return result;
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
