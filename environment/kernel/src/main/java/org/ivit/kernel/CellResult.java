package org.ivit.kernel;

import java.util.Objects;

/** What running a cell gave: nothing to show, the value of its last expression, or an error. */
public final class CellResult {

    private static final CellResult NO_VALUE = new CellResult(false, null, null);

    private final boolean hasValue;
    private final Object value;
    private final CellError error;

    private CellResult(boolean hasValue, Object value, CellError error) {
        this.hasValue = hasValue;
        this.value = value;
        this.error = error;
    }

    public static CellResult noValue() {
        return NO_VALUE;
    }

    /** The cell ended in an expression; value is the object itself and may be null. */
    public static CellResult value(Object value) {
        return new CellResult(true, value, null);
    }

    public static CellResult failed(CellError error) {
        return new CellResult(false, null, Objects.requireNonNull(error));
    }

    public boolean succeeded() {
        return error == null;
    }

    public boolean hasValue() {
        return hasValue;
    }

    public Object value() {
        return value;
    }

    /** The error of a failed cell, null if it succeeded. */
    public CellError error() {
        return error;
    }

    @Override
    public String toString() {
        if (error != null) {
            return "failed: " + error.text();
        }
        return hasValue ? "value: " + value : "no value";
    }
}
