package org.ivit.data;

import java.util.Locale;

/** The three parts of a prepared dataset; each is a file {@code splits/<name>.csv}. */
public enum Split {
    TRAIN,
    VAL,
    TEST;

    public String fileName() {
        return name().toLowerCase(Locale.ROOT) + ".csv";
    }

    public static Split parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
