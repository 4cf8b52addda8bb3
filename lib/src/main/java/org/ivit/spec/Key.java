package org.ivit.spec;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a record component a spec key: its help, range and default live here, once; parsing,
 * {@code --set}, JSON, {@code --help}, the range check and its error messages are derived from it
 * ({@link SpecSchema}). The key's name is the component's, unless {@link #name} says otherwise.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Key {
    /** No default: a preset, a plan or {@code --set} must give the key. */
    String NONE = "\u0000none";

    /** What the key changes, for {@code --help}. */
    String help();

    /**
     * The numbers a numeric key takes: {@code [a, b]}, {@code (a, b]}, {@code [a, b)}, {@code (a,
     * b)}, {@code > a} or {@code >= a}; empty for any (finite) number.
     */
    String range() default "";

    /** The value (as {@code --set} writes it) where nothing sets the key, or {@link #NONE}. */
    String defaultValue() default NONE;

    /** Whether {@code null} is a value (e.g. no prompt kind for a method without prompts). */
    boolean nullable() default false;

    /** For a key whose type has more ids than the spec accepts: the accepted ids. */
    String[] only() default {};

    /** The key's name where it differs from the component's (a nested record's component). */
    String name() default "";
}
