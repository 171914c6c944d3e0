package io.switchboard.commons.db;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Transactional;

/**
 * Binds {@link RowLevelSecurity} to {@code @Transactional}. The priority places the interceptors inside the
 * transaction interceptors (at {@code PLATFORM_BEFORE + 200}), so that the transaction exists when the setting is
 * applied. One subclass per transaction type, because the binding's value differs.
 */
public abstract class RowLevelSecurityInterceptor {

    static final int PRIORITY = Interceptor.Priority.PLATFORM_BEFORE + 201;

    @Inject
    RowLevelSecurity rls;

    @AroundInvoke
    Object apply(InvocationContext invocation) throws Exception {
        rls.onTransactionalMethod(invocation.getMethod());
        return invocation.proceed();
    }

    /** For {@code @Transactional} (REQUIRED, the default). */
    @Transactional
    @Interceptor
    @Priority(PRIORITY)
    public static class Required extends RowLevelSecurityInterceptor {}

    /** For {@code @Transactional(REQUIRES_NEW)}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @Interceptor
    @Priority(PRIORITY)
    public static class RequiresNew extends RowLevelSecurityInterceptor {}
}
