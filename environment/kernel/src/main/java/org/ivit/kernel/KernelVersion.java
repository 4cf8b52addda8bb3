package org.ivit.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The kernel's version, the project version Maven wrote into kernel-version.properties at build
 * time.
 */
final class KernelVersion {

    static final String RESOURCE = "kernel-version.properties";

    private KernelVersion() {}

    static String current() {
        try (InputStream in = KernelVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        RESOURCE + " is missing from the kernel's classes (build with Maven)");
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "");
            if (version.isBlank() || version.startsWith("${")) {
                throw new IllegalStateException(
                        RESOURCE + " holds no version (Maven resource filtering is off?)");
            }
            return version;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }
}
