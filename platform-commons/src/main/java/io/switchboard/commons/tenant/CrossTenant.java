package io.switchboard.commons.tenant;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code @Transactional} method that reads or writes across tenants (a superadmin's tenant list, a platform
 * job). Only there does row-level security let every tenant's rows through, and only for a superadmin caller or a
 * system task: a cross-tenant read is always explicit, never the side effect of a missing tenant setting.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CrossTenant {}
