package org.ivit.data.prepare;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.Char;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

/**
 * Reads the variables dataset annotations keep in MATLAB v5 files (through mfl-core). Every
 * accessor says which file and variable is missing or has the wrong type, so a damaged or
 * substituted annotation file is reported plainly.
 */
public final class MatlabFile implements Closeable {
    private final Path path;
    private final MatFile mat;

    private MatlabFile(Path path, MatFile mat) {
        this.path = path;
        this.mat = mat;
    }

    public static MatlabFile open(Path path) throws PrepareException {
        try {
            return new MatlabFile(path, Mat5.readFromFile(path.toFile()));
        } catch (IOException | RuntimeException e) {
            throw new PrepareException(
                    "cannot read MATLAB file " + path + ": " + e.getMessage(), e);
        }
    }

    /** A numeric array, flattened in MATLAB's column-major order. */
    public double[] numbers(String variable) throws PrepareException {
        Matrix matrix = asMatrix(variable(variable), variable);
        double[] values = new double[matrix.getNumElements()];
        for (int i = 0; i < values.length; i++) {
            values[i] = matrix.getDouble(i);
        }
        return values;
    }

    /** Whole numbers, e.g. labels or image ids; a fractional value is an error. */
    public int[] integers(String variable) throws PrepareException {
        double[] values = numbers(variable);
        int[] ints = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            ints[i] = wholeNumber(values[i], variable);
        }
        return ints;
    }

    /** A cell array of strings, e.g. class names. */
    public List<String> strings(String variable) throws PrepareException {
        Array value = variable(variable);
        if (!(value instanceof Cell cell)) {
            throw wrongType(variable, "a cell array of strings", value);
        }
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < cell.getNumElements(); i++) {
            Array element = cell.get(i);
            if (!(element instanceof Char text)) {
                throw wrongType(variable + "{" + (i + 1) + "}", "a string", element);
            }
            strings.add(text.getString());
        }
        return strings;
    }

    /** Field {@code field} of every element of a struct array, as whole numbers. */
    public int[] structIntegers(String variable, String field) throws PrepareException {
        Struct struct = struct(variable, field);
        int[] values = new int[struct.getNumElements()];
        for (int i = 0; i < values.length; i++) {
            String where = variable + "(" + (i + 1) + ")." + field;
            Matrix matrix = asMatrix(struct.get(field, i), where);
            if (matrix.getNumElements() != 1) {
                throw new PrepareException(
                        path
                                + ": "
                                + where
                                + " should hold one number but holds "
                                + matrix.getNumElements());
            }
            values[i] = wholeNumber(matrix.getDouble(0), where);
        }
        return values;
    }

    /** Field {@code field} of every element of a struct array, as strings. */
    public List<String> structStrings(String variable, String field) throws PrepareException {
        Struct struct = struct(variable, field);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < struct.getNumElements(); i++) {
            Array element = struct.get(field, i);
            if (!(element instanceof Char text)) {
                throw wrongType(variable + "(" + (i + 1) + ")." + field, "a string", element);
            }
            values.add(text.getString());
        }
        return values;
    }

    @Override
    public void close() throws IOException {
        mat.close();
    }

    private Struct struct(String variable, String field) throws PrepareException {
        Array value = variable(variable);
        if (!(value instanceof Struct struct)) {
            throw wrongType(variable, "a struct array", value);
        }
        if (!struct.getFieldNames().contains(field)) {
            throw new PrepareException(
                    path
                            + ": struct variable '"
                            + variable
                            + "' has no field '"
                            + field
                            + "' (fields: "
                            + struct.getFieldNames()
                            + ")");
        }
        return struct;
    }

    private Array variable(String name) throws PrepareException {
        List<String> names = new ArrayList<>();
        for (MatFile.Entry entry : mat.getEntries()) {
            if (entry.getName().equals(name)) {
                return entry.getValue();
            }
            names.add(entry.getName());
        }
        throw new PrepareException(
                path + ": variable '" + name + "' is missing (variables found: " + names + ")");
    }

    private Matrix asMatrix(Array value, String what) throws PrepareException {
        if (!(value instanceof Matrix matrix) || matrix.isComplex()) {
            throw wrongType(what, "a real numeric array", value);
        }
        return matrix;
    }

    private int wholeNumber(double value, String what) throws PrepareException {
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new PrepareException(
                    path + ": " + what + " should hold whole numbers but holds " + value);
        }
        return (int) value;
    }

    private PrepareException wrongType(String what, String expected, Array actual) {
        String type = actual == null ? "nothing" : actual.getType() + " " + dims(actual);
        return new PrepareException(
                path + ": variable '" + what + "' should be " + expected + " but is " + type);
    }

    private static String dims(Array array) {
        StringBuilder text = new StringBuilder();
        for (int d : array.getDimensions()) {
            text.append(text.length() == 0 ? "" : "x").append(d);
        }
        return text.toString();
    }
}
